package io.netprobe.cli;

import java.time.Duration;

/** Seconds as the classic tools take them on the command line ({@code -W 0.5}). Stateless; thread-safe. */
final class Seconds {
  private Seconds() {}

  /**
   * The duration of {@code seconds}, to the nanosecond.
   *
   * @throws IllegalArgumentException when not positive or over an hour
   */
  static Duration of(double seconds) {
    if (!(seconds > 0) || seconds > 3600) {
      throw new IllegalArgumentException("seconds must be between 0 and 3600, was " + seconds);
    }
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }
}
