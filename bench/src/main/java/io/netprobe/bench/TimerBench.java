package io.netprobe.bench;

import io.netprobe.internal.engine.DefaultProbeEngine;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The engine's hashed-wheel timer against the ScheduledThreadPoolExecutor (remove-on-cancel) it replaced: 100,000
 * deadlines spread over one second — cost to schedule, heap held, how late they fire — and 100,000 scheduled then
 * cancelled (a probe answered before its deadline).
 */
final class TimerBench {
  private TimerBench() {}

  interface Timer {
    Runnable schedule(long delayNanos, Runnable task);
  }

  static void run(int n) throws Exception {
    System.out.printf("EngineBench timer: %,d deadlines over 1 s, JDK %s%n", n, Runtime.version());
    for (int round = 0; round < 2; round++) {
      try (DefaultProbeEngine engine = new DefaultProbeEngine(1, 1, null, Duration.ofSeconds(30))) {
        measure(round == 0 ? "(warm-up) wheel" : "wheel 1 ms tick", n, (d, t) -> {
          ProbeEngine.Cancellable c = engine.after(Duration.ofNanos(d), t);
          return c::cancel;
        });
      }
      ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(1);
      stpe.setRemoveOnCancelPolicy(true);
      measure(round == 0 ? "(warm-up) STPE" : "STPE remove-on-cancel", n, (d, t) -> {
        ScheduledFuture<?> f = stpe.schedule(t, d, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      });
      stpe.shutdownNow();
    }
  }

  static void measure(String name, int n, Timer timer) throws Exception {
    long[] late = new long[n];
    CountDownLatch fired = new CountDownLatch(n);
    System.gc();
    long heap0 = used();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long delay = ThreadLocalRandom.current().nextLong(1_000_000_000L);
      long due = System.nanoTime() + delay;
      int k = i;
      timer.schedule(delay, () -> {
        late[k] = System.nanoTime() - due;
        fired.countDown();
      });
    }
    long scheduleNs = System.nanoTime() - t0;
    long heap1 = used();
    fired.await();
    java.util.Arrays.sort(late);
    List<Runnable> cancels = new ArrayList<>(n);
    long c0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      cancels.add(timer.schedule(2_000_000_000L, () -> { }));
    }
    for (Runnable c : cancels) {
      c.run();
    }
    long cancelNs = System.nanoTime() - c0;
    System.out.printf("%-22s schedule %.2f µs each, heap +%.1f MB; late p50 %.2f ms, p99 %.2f ms, max %.2f ms, "
            + "early %d; schedule+cancel %.2f µs each%n", name, scheduleNs / 1e3 / n, (heap1 - heap0) / 1e6,
        late[n / 2] / 1e6, late[(int) (n * 0.99)] / 1e6, late[n - 1] / 1e6,
        java.util.Arrays.stream(late).filter(l -> l < 0).count(), cancelNs / 1e3 / n);
  }

  static long used() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }
}
