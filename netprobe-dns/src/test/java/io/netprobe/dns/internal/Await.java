package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or the time is up (then the test fails). */
final class Await {
  private Await() {}

  static void until(Duration atMost, Callable<Boolean> condition) throws Exception {
    long end = System.nanoTime() + atMost.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() - end > 0) {
        fail("the condition did not hold within " + atMost.toMillis() + " ms");
      }
      Thread.sleep(20);
    }
  }
}
