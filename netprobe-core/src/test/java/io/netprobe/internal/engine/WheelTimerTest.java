package io.netprobe.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.spi.ProbeEngine.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WheelTimerTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void tasksFireAtOrAfterTheirTimeNeverEarlyAndAboutATickLate() throws Exception {
    try (WheelTimer timer = new WheelTimer(MS, 1000 * MS, new DaemonThreads("test-timer"))) {
      int n = 20_000;
      CountDownLatch done = new CountDownLatch(n);
      AtomicLong early = new AtomicLong();
      long[] lateness = new long[n];
      long base = System.nanoTime();
      for (int i = 0; i < n; i++) {
        // spread over 0–1.5 s, some beyond one turn of the wheel (1,024 ticks)
        long at = base + (i % 1500) * MS + (i % 7) * 100_000;
        int index = i;
        timer.at(at, () -> {
          long now = System.nanoTime();
          if (now < at) {
            early.incrementAndGet();
          }
          lateness[index] = now - at;
          done.countDown();
        });
      }
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(early.get()).isZero();
      long[] sorted = lateness.clone();
      java.util.Arrays.sort(sorted);
      // a loose bound: the machine running the tests is shared; docs/benchmarks/engine.md has the figures
      assertThat(sorted[n / 2]).as("median lateness ns").isLessThan(20 * MS);
      assertThat(timer.pending()).isZero();
    }
  }

  @Test
  void cancelledTasksNeverRunAndLeaveNothingPending() throws Exception {
    try (WheelTimer timer = new WheelTimer(MS, 1000 * MS, new DaemonThreads("test-timer"))) {
      AtomicInteger ran = new AtomicInteger();
      List<Cancellable> tasks = new ArrayList<>();
      // far enough ahead that scheduling and cancelling 10,000 finish first on a loaded shared machine
      for (int i = 0; i < 10_000; i++) {
        tasks.add(timer.at(System.nanoTime() + 800 * MS, ran::incrementAndGet));
      }
      CountDownLatch kept = new CountDownLatch(1);
      timer.at(System.nanoTime() + 810 * MS, kept::countDown);
      for (Cancellable c : tasks) {
        assertThat(c.cancel()).isTrue();
        assertThat(c.cancel()).isFalse();
      }
      assertThat(kept.await(2, TimeUnit.SECONDS)).isTrue();
      assertThat(ran.get()).isZero();
      assertThat(timer.pending()).isZero();
    }
  }

  @Test
  void theThreadEndsWhenIdleAndStartsAgainOnDemand() throws Exception {
    try (WheelTimer timer = new WheelTimer(MS, 100 * MS, new DaemonThreads("test-timer"))) {
      assertThat(timer.running()).isFalse();
      CountDownLatch first = new CountDownLatch(1);
      timer.at(System.nanoTime() + 5 * MS, first::countDown);
      assertThat(timer.running()).isTrue();
      assertThat(first.await(1, TimeUnit.SECONDS)).isTrue();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (timer.running() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      assertThat(timer.running()).as("ended after 100 ms idle").isFalse();
      CountDownLatch second = new CountDownLatch(1);
      timer.at(System.nanoTime() + 5 * MS, second::countDown);
      assertThat(second.await(1, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aTaskScheduledWhileIdleWakesTheTimerAtOnce() throws Exception {
    try (WheelTimer timer = new WheelTimer(MS, 10_000 * MS, new DaemonThreads("test-timer"))) {
      CountDownLatch first = new CountDownLatch(1);
      timer.at(System.nanoTime(), first::countDown);
      assertThat(first.await(1, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(50); // now parked, idle
      long at = System.nanoTime() + 20 * MS;
      AtomicLong firedAt = new AtomicLong();
      CountDownLatch second = new CountDownLatch(1);
      timer.at(at, () -> {
        firedAt.set(System.nanoTime());
        second.countDown();
      });
      assertThat(second.await(1, TimeUnit.SECONDS)).isTrue();
      assertThat(firedAt.get() - at).isBetween(0L, 200 * MS);
    }
  }
}
