package io.netprobe.internal.dispatch;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * The probes of one client that have been started and not completed, with a bound: beyond {@code max} running
 * probes, new ones wait in a queue (memory, no thread) and start as others complete; one still waiting at its deadline
 * completes with a TIMEOUT saying it never started. Every probe's future completes by its deadline plus {@link
 * ProbeExecution#ASYNC_GRACE} from the engine's timer whatever its backend does, and {@link #closeAll} completes the
 * ones left with CANCELLED. Thread-safe.
 */
public final class InFlight {
  private final int max;
  private final AtomicInteger running = new AtomicInteger();
  private final Queue<Probe<?>> queued = new ConcurrentLinkedQueue<>();
  private final Set<Probe<?>> live = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile boolean closed;

  /** @param max the most probes whose backends run at once */
  public InFlight(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + max);
    }
    this.max = max;
    // loaded now, not at a deadline: out of file descriptors the JVM could not load it, and the probe would hang
    Objects.requireNonNull(ProbeExecution.ASYNC_GRACE);
  }

  /** The bound given at construction. */
  public int max() {
    return max;
  }

  /** Probes whose backends run now. */
  public int running() {
    return running.get();
  }

  /** Probes submitted and not yet completed (running or waiting). */
  public int live() {
    return live.size();
  }

  /**
   * Starts the probe {@code start} makes now, or once fewer than {@code max} run. The returned future completes on
   * the engine's completion executor (or before this method returns, when the backend finished within the call); with a TIMEOUT result when the backend has not completed {@link
   * ProbeExecution#ASYNC_GRACE} after the deadline (the engine's timer enforces it); with a typed failure when the
   * backend fails; and cancelling it cancels the backend's future, which closes the probe's socket. Programmer errors
   * thrown by {@code start} propagate; ones the backend's future fails with complete it exceptionally.
   */
  public <R> CompletableFuture<R> submit(Supplier<CompletableFuture<R>> start, Function<ProbeFailure, R> onFailure,
      ProbeEngine engine, Deadline deadline) {
    Probe<R> p = new Probe<>(start, onFailure, engine, deadline);
    live.add(p);
    p.outer.whenComplete((r, e) -> p.ended());
    if (running.incrementAndGet() <= max) {
      if (!p.begin(true)) {
        running.decrementAndGet();
      }
      if (!p.outer.isDone()) {
        p.armStarted();
      }
    } else {
      running.decrementAndGet();
      p.arm();
      queued.add(p);
      drain();
    }
    return p.outer;
  }

  /** Completes every probe still live with CANCELLED (its backend's future is cancelled, closing its socket). */
  public void closeAll(String why) {
    closed = true;
    for (Probe<?> p : live) {
      p.state.compareAndSet(0, 2);
      p.fail(ProbeFailure.of(FailureKind.CANCELLED, why));
    }
    queued.clear();
  }

  private void finished() {
    running.decrementAndGet();
    drain();
  }

  private void drain() {
    while (true) {
      if (!draining.compareAndSet(false, true)) {
        return; // the thread draining now (perhaps this one, further up the stack) goes on
      }
      try {
        while (!queued.isEmpty()) {
          if (running.incrementAndGet() > max) {
            running.decrementAndGet();
            break;
          }
          Probe<?> p = queued.poll();
          if (p == null || !p.beginQueued()) {
            running.decrementAndGet();
          }
        }
      } finally {
        draining.set(false);
      }
      if (queued.isEmpty() || running.get() >= max) {
        return;
      }
    }
  }

  /** One submitted probe: the caller's future, and the backend's once started. */
  private final class Probe<R> {
    final Supplier<CompletableFuture<R>> start;
    final Function<ProbeFailure, R> onFailure;
    final ProbeEngine engine;
    final Deadline deadline;
    final CompletableFuture<R> outer = new CompletableFuture<>();
    volatile @Nullable CompletableFuture<R> inner;
    /** 0 waiting, 1 started, 2 ended before starting: the timer, a close and a freed slot race for it. */
    final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
    @Nullable volatile ProbeEngine.Cancellable timer;

    Probe(Supplier<CompletableFuture<R>> start, Function<ProbeFailure, R> onFailure, ProbeEngine engine,
        Deadline deadline) {
      this.start = start;
      this.onFailure = onFailure;
      this.engine = engine;
      this.deadline = deadline;
    }

    /**
     * For a queued probe, at the deadline: one that never started times out; one started meanwhile gets the grace,
     * then times out.
     */
    void arm() {
      setTimer(engine.at(deadline, () -> {
        if (state.compareAndSet(0, 2)) {
          failNeverStarted();
        } else if (state.get() == 1 && !outer.isDone()) {
          armGrace(ProbeExecution.ASYNC_GRACE);
        }
      }));
    }

    /** For a probe started at once: one timer, at the deadline plus the grace (a backend keeps its own deadline). */
    void armStarted() {
      armGrace(Duration.ofNanos(deadline.remainingNanos()).plus(ProbeExecution.ASYNC_GRACE));
    }

    private void armGrace(Duration delay) {
      setTimer(engine.after(delay, () -> {
        long budgetNanos = deadline.elapsed().toNanos() - (System.nanoTime() - deadline.nanoTime());
        fail(ProbeFailure.of(FailureKind.TIMEOUT, "no result within " + budgetNanos / 1_000_000 + " ms"));
      }));
    }

    private void setTimer(ProbeEngine.Cancellable t) {
      timer = t;
      if (outer.isDone()) {
        t.cancel(); // completed before the timer was set: ended() could not cancel it
      }
    }

    /** Starts a probe that waited in the queue, unless its deadline passed meanwhile. */
    boolean beginQueued() {
      if (deadline.isExpired()) {
        neverStarted();
        return false;
      }
      return begin(false);
    }

    /**
     * Starts the backend unless the probe has already completed or ended; returns whether it started.
     *
     * @param callersThread started by {@link #submit} on the caller's thread: a backend that finished within the
     *     call (a loopback connect, a refused port) completes the caller's future here, before submit returns,
     *     instead of through a hand-over to the completion executor — no engine thread is running it
     */
    boolean begin(boolean callersThread) {
      if (outer.isDone() || closed || !state.compareAndSet(0, 1)) {
        return false;
      }
      CompletableFuture<R> f = ProbeExecution.call(start,
          failure -> CompletableFuture.completedFuture(onFailure.apply(failure)));
      inner = f;
      // handle, not whenComplete: a whenComplete stage of a cancelled future completes with a CompletionException of
      // its own (a stack trace per probe cancelled at its grace), where this stage's result is never looked at
      boolean inline = callersThread && f.isDone(); // then the stage below runs now, on this thread
      f.handle((result, error) -> {
        finished();
        if (outer.isDone() || closed) {
          return null; // closeAll completes it as CANCELLED, whatever the closing engine made its backend say
        }
        cancelTimer();
        if (inline) {
          ProbeExecution.settle(outer, result, error, onFailure);
          return null;
        }
        try {
          engine.completions().execute(() -> ProbeExecution.settle(outer, result, error, onFailure));
        } catch (RuntimeException rejected) {
          ProbeExecution.settle(outer, result, error, onFailure);
        }
        return null;
      });
      if (outer.isDone()) {
        f.cancel(true); // completed (cancelled, closed) while the backend was starting
      }
      return true;
    }

    void neverStarted() {
      if (state.compareAndSet(0, 2)) {
        failNeverStarted();
      }
    }

    private void failNeverStarted() {
      fail(ProbeFailure.of(FailureKind.TIMEOUT, "the probe never started: " + max + " probes of this client were "
          + "in flight until its deadline (maxInFlight)"));
    }

    /**
     * Completes the caller's future with {@code failure} on the completion executor, so that neither the timer
     * thread (a deadline) nor the closing thread runs the caller's continuations, and the timer stays punctual when
     * many deadlines pass at once.
     */
    void fail(ProbeFailure failure) {
      if (outer.isDone()) {
        return;
      }
      Runnable complete = () -> {
        R value;
        try {
          value = onFailure.apply(failure);
        } catch (RuntimeException e) {
          outer.completeExceptionally(e);
          return;
        }
        outer.complete(value);
      };
      try {
        engine.completions().execute(complete);
      } catch (RuntimeException rejected) {
        complete.run();
      }
    }

    /** The caller's future completed, however: stop the timer and the backend. */
    void ended() {
      live.remove(this);
      cancelTimer();
      CompletableFuture<R> f = inner;
      if (f != null && !f.isDone()) {
        f.cancel(true);
      }
    }

    private void cancelTimer() {
      ProbeEngine.Cancellable t = timer;
      if (t != null) {
        t.cancel();
      }
    }
  }
}
