package io.netprobe.health;

import java.time.Duration;
import javax.annotation.Nullable;

/**
 * Argument checks of the health API, worded as netprobe-core words its own (the parameter, the bad value, what is
 * allowed), so that a bad rule argument reads like a bad probe argument. Stateless; thread-safe.
 */
final class Arguments {
  /** The longest duration a rule about probe time accepts: netprobe-core's longest probe timeout. */
  static final Duration MAX_PROBE_TIME = Duration.ofHours(1);

  private Arguments() {}

  static int port(int port) {
    return inRange("port", port, 1, 65535);
  }

  static int inRange(String what, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", was " + value);
    }
    return value;
  }

  static Duration positive(String what, @Nullable Duration value, Duration max) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + value);
    }
    return atMost(what, value, max);
  }

  static Duration nonNegative(String what, @Nullable Duration value, Duration max) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (value.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + value);
    }
    return atMost(what, value, max);
  }

  private static Duration atMost(String what, Duration value, Duration max) {
    if (value.compareTo(max) > 0) {
      throw new IllegalArgumentException(what + " must be at most " + max + ", was " + value);
    }
    return value;
  }
}
