package io.netprobe.internal.engine;

import io.netprobe.core.Deadline;
import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine a {@link io.netprobe.ProbeClient} owns: one hashed-wheel timer ({@link #TICK} tick), {@code loops}
 * selector loops used in turn plus one per role that asks for its own ({@link #loop(String)}), a bounded executor for calls that block and a small one for completions. Every thread
 * is a daemon started on first use and ended after {@code idle} without work; the next probe starts it again.
 * Thread-safe.
 */
public final class DefaultProbeEngine implements ProbeEngine, AutoCloseable {
  /** The timer's tick: a deadline fires at most about this late (plus scheduling delays of a busy machine). */
  public static final Duration TICK = Duration.ofMillis(1);
  /** How long an engine thread waits without work before it ends. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);

  /** The most roles that get a loop of their own ({@link #loop(String)}); further roles share the others. */
  static final int MAX_ROLE_LOOPS = 4;

  private final WheelTimer timer;
  private final SelectorLoop[] loops;
  private final AtomicInteger nextLoop = new AtomicInteger();
  private final Map<String, SelectorLoop> roleLoops = new ConcurrentHashMap<>();
  private final long idleNanos;
  private final ThreadPoolExecutor blocking;
  private final CompletionBatches completions;
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
    this.idleNanos = idle.toNanos();
    this.ownCompletions = completions == null ? pool("callback", 2, idle) : null;
    this.completions = new CompletionBatches(completions == null ? ownCompletions : completions);
    this.timer = new WheelTimer(TICK.toNanos(), idleNanos, new DaemonThreads("timer"));
    timer.batchCompletions(this.completions);
    DaemonThreads io = new DaemonThreads("io");
    this.loops = new SelectorLoop[loops];
    for (int i = 0; i < loops; i++) {
      this.loops[i] = new SelectorLoop(io, idleNanos, this.completions);
    }
    this.blocking = pool("blocking", blockingThreads, idle);
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

  /**
   * A loop of its own for each role ({@code "tcp"}, {@code "dns"}; up to {@link #MAX_ROLE_LOOPS} roles), so that one
   * kind of work does not queue behind another's system calls; its thread ({@code netprobe-io-<role>-N}) starts on
   * first use and ends when idle like the others. Further roles share the general loops, one each.
   */
  @Override
  public IoLoop loop(String role) {
    requireOpen();
    SelectorLoop l = roleLoops.get(role);
    if (l != null) {
      return l;
    }
    synchronized (roleLoops) {
      l = roleLoops.get(role);
      if (l == null) {
        if (roleLoops.size() >= MAX_ROLE_LOOPS) {
          return loops[Math.floorMod(role.hashCode(), loops.length)];
        }
        String name = role.replaceAll("[^A-Za-z0-9]", "");
        l = new SelectorLoop(new DaemonThreads("io-" + (name.isEmpty() ? "role" : name)), idleNanos, completions);
        roleLoops.put(role, l);
        if (closed) {
          l.close();
        }
      }
      return l;
    }
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
  public void openCompletionBatch() {
    completions.open();
  }

  @Override
  public void closeCompletionBatch() {
    completions.close();
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
    for (SelectorLoop l : roleLoops.values()) {
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
    synchronized (roleLoops) {
      roleLoops.values().forEach(SelectorLoop::close);
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
