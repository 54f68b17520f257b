package io.netprobe.internal.engine;

import io.netprobe.core.Deadline;
import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine a {@link io.netprobe.ProbeClient} owns: one hashed-wheel timer ({@link #TICK} tick), {@code loops}
 * selector loops used in turn, a bounded executor for calls that block and a small one for completions. Every thread
 * is a daemon started on first use and ended after {@code idle} without work; the next probe starts it again.
 * Thread-safe.
 */
public final class DefaultProbeEngine implements ProbeEngine, AutoCloseable {
  /** The timer's tick: a deadline fires at most about this late (plus scheduling delays of a busy machine). */
  public static final Duration TICK = Duration.ofMillis(1);
  /** How long an engine thread waits without work before it ends. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);

  private final WheelTimer timer;
  private final SelectorLoop[] loops;
  private final AtomicInteger nextLoop = new AtomicInteger();
  private final ThreadPoolExecutor blocking;
  private final Executor completions;
  private final ThreadPoolExecutor ownCompletions;
  private volatile boolean closed;

  /**
   * @param loops how many selector loops (threads) serve channels
   * @param blockingThreads the most threads that may block in library calls at once
   * @param completions where futures complete, or {@code null} for the engine's own small pool
   * @param idle how long a thread waits without work before it ends
   */
  public DefaultProbeEngine(int loops, int blockingThreads, @javax.annotation.Nullable Executor completions,
      Duration idle) {
    if (loops < 1 || loops > 64) {
      throw new IllegalArgumentException("loops must be 1–64, got " + loops);
    }
    long idleNanos = idle.toNanos();
    this.timer = new WheelTimer(TICK.toNanos(), idleNanos, new DaemonThreads("timer"));
    DaemonThreads io = new DaemonThreads("io");
    this.loops = new SelectorLoop[loops];
    for (int i = 0; i < loops; i++) {
      this.loops[i] = new SelectorLoop(io, idleNanos);
    }
    this.blocking = pool("blocking", blockingThreads, idle);
    this.ownCompletions = completions == null ? pool("callback", 2, idle) : null;
    this.completions = completions == null ? ownCompletions : completions;
  }

  /** An engine with one loop, the given blocking bound and the default idle time. */
  public DefaultProbeEngine(int blockingThreads, @javax.annotation.Nullable Executor completions) {
    this(1, blockingThreads, completions, DEFAULT_IDLE);
  }

  private static ThreadPoolExecutor pool(String role, int threads, Duration idle) {
    ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, Math.max(1, idle.toMillis()),
        TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), new DaemonThreads(role));
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  @Override
  public Cancellable at(Deadline deadline, Runnable task) {
    requireOpen();
    return timer.at(deadline.nanoTime(), task);
  }

  @Override
  public Cancellable after(Duration delay, Runnable task) {
    requireOpen();
    return timer.at(System.nanoTime() + Math.max(0, delay.toNanos()), task);
  }

  @Override
  public IoLoop loop() {
    requireOpen();
    if (loops.length == 1) {
      return loops[0];
    }
    return loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
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

  /** Engine threads alive now: timer, loops and pool workers (for tests and benchmarks). */
  public int liveThreads() {
    int n = timer.running() ? 1 : 0;
    for (SelectorLoop l : loops) {
      n += l.running() ? 1 : 0;
    }
    n += blocking.getPoolSize();
    if (ownCompletions != null) {
      n += ownCompletions.getPoolSize();
    }
    return n;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the probe client is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    for (SelectorLoop l : loops) {
      l.close();
    }
    timer.close();
    blocking.shutdownNow();
    if (ownCompletions != null) {
      ownCompletions.shutdown();
    }
  }

  /** For tests: the loops, so they can check that channels spread over them. */
  List<IoLoop> loops() {
    return new ArrayList<>(List.of(loops));
  }
}
