package io.netprobe.internal.engine;

import io.netprobe.core.Deadline;
import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The engine a {@link io.netprobe.ProbeClient} owns: one timer, one selector loop, a bounded executor for calls
 * that block and a small one for completions. Every thread is a daemon started on first use. Thread-safe.
 */
public final class DefaultProbeEngine implements ProbeEngine, AutoCloseable {
  private final DeadlineTimer timer = new DeadlineTimer();
  private final SelectorLoop loop = new SelectorLoop(new DaemonThreads("io"));
  private final ExecutorService blocking;
  private final Executor completions;
  private final ExecutorService ownCompletions;
  private volatile boolean closed;

  /**
   * @param blockingThreads the most threads that may block in library calls at once
   * @param completions where futures complete, or {@code null} for the engine's own small pool
   */
  public DefaultProbeEngine(int blockingThreads, @javax.annotation.Nullable Executor completions) {
    this.blocking = pool("blocking", blockingThreads);
    if (completions == null) {
      this.ownCompletions = pool("callback", Math.max(2, Runtime.getRuntime().availableProcessors()));
      this.completions = ownCompletions;
    } else {
      this.ownCompletions = null;
      this.completions = completions;
    }
  }

  private static ExecutorService pool(String role, int threads) {
    ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new DaemonThreads(role));
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  @Override
  public Cancellable at(Deadline deadline, Runnable task) {
    requireOpen();
    return timer.at(deadline, task);
  }

  @Override
  public Cancellable after(Duration delay, Runnable task) {
    requireOpen();
    return timer.after(delay, task);
  }

  @Override
  public IoLoop loop() {
    requireOpen();
    return loop;
  }

  @Override
  public Executor blocking() {
    return blocking;
  }

  @Override
  public Executor completions() {
    return completions;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the probe client is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    loop.close();
    timer.close();
    blocking.shutdownNow();
    if (ownCompletions != null) {
      ownCompletions.shutdown();
    }
  }
}
