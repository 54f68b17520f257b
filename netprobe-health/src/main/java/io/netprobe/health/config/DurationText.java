package io.netprobe.health.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as check definitions write them, the Prometheus way: a number and a unit, {@code 500ms}, {@code 15s},
 * {@code 2m}, {@code 1h}, {@code 1.5s}.
 *
 * <p>Stateless; thread-safe.
 */
public final class DurationText {
  private static final Pattern FORMAT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private DurationText() {}

  /**
   * Parses a positive duration.
   *
   * @param what the name of the setting, for the error message
   * @throws IllegalArgumentException naming {@code what} and the value when {@code text} is not a number followed by
   *     ms, s, m or h, or is zero
   */
  public static Duration parse(String what, String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(what + " must be a number followed by ms, s, m or h (like 500ms or 15s),"
          + " was \"" + text + "\"");
    }
    double n = Double.parseDouble(m.group(1));
    double nanos = switch (m.group(2)) {
      case "ms" -> n * 1e6;
      case "s" -> n * 1e9;
      case "m" -> n * 60e9;
      default -> n * 3600e9;
    };
    Duration d = Duration.ofNanos(Math.round(nanos));
    if (d.isZero()) {
      throw new IllegalArgumentException(what + " must be longer than zero, was \"" + text + "\"");
    }
    return d;
  }
}
