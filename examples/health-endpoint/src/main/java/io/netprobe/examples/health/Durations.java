package io.netprobe.examples.health;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written the Prometheus way: {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h}. Stateless. */
final class Durations {
  private static final Pattern FORMAT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException naming {@code what} when {@code text} is not a number followed by ms, s, m or h
   */
  static Duration parse(String what, String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(what + " must be a number followed by ms, s, m or h (like 500ms or 15s), was \""
          + text + "\"");
    }
    double n = Double.parseDouble(m.group(1));
    double nanos = switch (m.group(2)) {
      case "ms" -> n * 1e6;
      case "s" -> n * 1e9;
      case "m" -> n * 60e9;
      default -> n * 3600e9;
    };
    return Duration.ofNanos(Math.round(nanos));
  }
}
