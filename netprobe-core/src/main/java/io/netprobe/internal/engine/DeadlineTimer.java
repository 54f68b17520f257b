package io.netprobe.internal.engine;

import io.netprobe.core.Deadline;
import io.netprobe.spi.ProbeEngine.Cancellable;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer of an engine: one daemon thread that ends when idle, cancelled tasks removed at once. Thread-safe.
 */
final class DeadlineTimer implements AutoCloseable {
  private final ScheduledThreadPoolExecutor timer;

  DeadlineTimer() {
    timer = new ScheduledThreadPoolExecutor(1, new DaemonThreads("timer"));
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    timer.setKeepAliveTime(30, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true);
  }

  Cancellable at(Deadline deadline, Runnable task) {
    return after(deadline.remainingNanos(), task);
  }

  Cancellable after(Duration delay, Runnable task) {
    return after(delay.toNanos(), task);
  }

  private Cancellable after(long nanos, Runnable task) {
    ScheduledFuture<?> f = timer.schedule(task, Math.max(0, nanos), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
