package io.netprobe.exporter.internal.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's textual forms that blackbox.yml uses: durations ({@code 1m30s}) and base-2 byte sizes ({@code 10MB}). */
public final class GoValues {
  private static final Pattern DURATION_PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("([0-9]+)([KMGTPE]i?B|B)?");

  private GoValues() {}

  /**
   * Parses a Go (and Prometheus) duration: a sequence of decimal numbers with units ns, us, ms, s, m, h; also
   * Prometheus's d, w, y for whole numbers; {@code 0} alone.
   *
   * @throws IllegalArgumentException naming the value and the rule
   */
  public static Duration duration(String text) {
    String t = text.trim();
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher prom = Pattern.compile("([0-9]+)(d|w|y)").matcher(t);
    if (prom.matches()) {
      long n = Long.parseLong(prom.group(1));
      return Duration.ofDays(switch (prom.group(2)) {
        case "d" -> n;
        case "w" -> n * 7;
        default -> n * 365;
      });
    }
    Matcher m = DURATION_PART.matcher(t);
    int at = 0;
    BigDecimal nanos = BigDecimal.ZERO;
    while (at < t.length() && m.find(at) && m.start() == at) {
      BigDecimal n = new BigDecimal(m.group(1));
      long unit = switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
      at = m.end();
    }
    if (at == 0 || at != t.length()) {
      throw new IllegalArgumentException("not a duration: " + YamlBlock.quote(text)
          + " (write e.g. 5s, 1m30s, 250ms)");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** Parses a base-2 size as prometheus/common does ({@code 10MB} = 10 MiB). */
  public static long bytes(String text) {
    Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT).replace("IB", "iB"));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: " + YamlBlock.quote(text) + " (write e.g. 512KB, 10MB)");
    }
    if (m.group(2) == null) {
      // go-units, as 0.23 uses it, wants a unit even for bytes
      throw new IllegalArgumentException("units: unknown unit  in " + text.trim() + " (write e.g. 10B, 512KB)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2).replace("i", "");
    int shift = "BKMGTPE".indexOf(unit.charAt(0)) * 10;
    return n << shift;
  }

  /** A duration as Go prints it ({@code 5s}, {@code 1m30s}, {@code 500ms}). */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.toMillis() < 1000 || d.toNanos() % 1_000_000_000L != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    StringBuilder b = new StringBuilder();
    if (s >= 3600) {
      b.append(s / 3600).append('h');
    }
    if (s >= 60) {
      b.append(s % 3600 / 60).append('m');
    }
    return b.append(s % 60).append('s').toString();
  }
}
