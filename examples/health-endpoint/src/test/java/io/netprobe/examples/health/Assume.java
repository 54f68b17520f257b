package io.netprobe.examples.health;

import org.junit.jupiter.api.Assumptions;

/** Skips an integration test with the reason printed where the build log shows it. Stateless; thread-safe. */
final class Assume {
  private Assume() {}

  /** Skips the test class with a printed reason unless {@code condition} holds. */
  static void that(String test, boolean condition, String reason) {
    if (!condition) {
      System.out.println(test + " skipped: " + reason);
    }
    Assumptions.assumeTrue(condition, reason);
  }
}
