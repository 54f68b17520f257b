package io.netprobe.internal.dispatch;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * The probes of one client that have been started and not completed, with a bound: beyond {@code max} running
 * probes, new ones wait in a queue (memory, no thread) and start as others complete; one still waiting at its deadline
 * completes with a TIMEOUT saying it never started. Every probe's future completes by its deadline plus {@link
 * ProbeExecution#ASYNC_GRACE} from the engine's timer whatever its backend does, and {@link #closeAll} completes the
 * ones left with CANCELLED. Thread-safe.
 */
public final class InFlight {
  /** Loaded with this class, not at a deadline: out of file descriptors the JVM could not load it. */
  static final long GRACE_NANOS = ProbeExecution.ASYNC_GRACE.toNanos();

  final int max;
  private final AtomicInteger running = new AtomicInteger();
  private final Queue<InFlightProbe<?>> queued = new ConcurrentLinkedQueue<>();
  /**
   * The probes submitted and not completed, for {@link #closeAll}: a list linked through the probes themselves, not
   * a concurrent set (no node object per probe in flight). Guarded by {@link #liveLock}.
   */
  private final Object liveLock = new Object();
  private @Nullable InFlightProbe<?> liveHead;
  private int liveCount;
  /**
   * The probes started at once, in the order their grace ends (deadline plus grace): one engine timer, at the first
   * of them, serves them all, where a timer entry per probe was one more object per probe in flight. A probe whose
   * grace would end before the last one's (a shorter timeout) keeps a timer of its own. Guarded by {@link #liveLock}.
   */
  private @Nullable InFlightProbe<?> graceHead;
  private @Nullable InFlightProbe<?> graceTail;
  private @Nullable ProbeEngine graceEngine;
  private @Nullable ProbeEngine.Cancellable graceTimer;
  private final AtomicBoolean draining = new AtomicBoolean();
  volatile boolean closed;

  /** @param max the most probes whose backends run at once */
  public InFlight(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + max);
    }
    this.max = max;
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
    synchronized (liveLock) {
      return liveCount;
    }
  }

  private void link(InFlightProbe<?> p) {
    synchronized (liveLock) {
      p.liveNext = liveHead;
      if (liveHead != null) {
        liveHead.livePrev = p;
      }
      liveHead = p;
      p.linked = true;
      liveCount++;
    }
  }

  /**
   * Puts a probe started at once in the grace queue, unless its grace ends before the last queued one's or the queue
   * serves another engine; returns whether it did. The queue's timer is set first, so that a closed engine throws as
   * a timer of the probe's own would.
   */
  boolean awaitGrace(InFlightProbe<?> p) {
    synchronized (liveLock) {
      if (p.ending || !p.linked) {
        return true; // completed meanwhile: no grace to wait for
      }
      long due = p.graceDue();
      if (graceTail != null && (due - graceTail.graceDue() < 0 || p.engine() != graceEngine)) {
        return false;
      }
      if (graceTimer == null) {
        armGraceTimer(p.engine(), due);
      }
      p.gracePrev = graceTail;
      if (graceTail == null) {
        graceHead = p;
      } else {
        graceTail.graceNext = p;
      }
      graceTail = p;
      p.inGraceQueue = true;
      return true;
    }
  }

  private void armGraceTimer(ProbeEngine engine, long due) {
    graceTimer = engine.after(Duration.ofNanos(Math.max(0, due - System.nanoTime())), this::graceEnded);
    graceEngine = engine;
  }

  /** The grace queue's timer: the probes whose grace has ended time out; the timer is set for the next. */
  private void graceEnded() {
    List<InFlightProbe<?>> late = null;
    synchronized (liveLock) {
      graceTimer = null;
      long now = System.nanoTime();
      InFlightProbe<?> p;
      while ((p = graceHead) != null && p.graceDue() - now <= 0) {
        leaveGraceQueue(p);
        if (late == null) {
          late = new ArrayList<>();
        }
        late.add(p);
      }
      if (p != null) {
        try {
          armGraceTimer(graceEngine, p.graceDue());
        } catch (IllegalStateException engineClosed) {
          // the client closes: closeAll completes what is left
        }
      } else {
        graceEngine = null;
      }
    }
    if (late != null) {
      for (InFlightProbe<?> l : late) {
        try {
          l.run();
        } catch (RuntimeException | Error failed) {
          // a probe's failure is its own; the timer serves the others
        }
      }
    }
  }

  private void leaveGraceQueue(InFlightProbe<?> p) {
    if (!p.inGraceQueue) {
      return;
    }
    p.inGraceQueue = false;
    if (p.gracePrev != null) {
      p.gracePrev.graceNext = p.graceNext;
    } else {
      graceHead = p.graceNext;
    }
    if (p.graceNext != null) {
      p.graceNext.gracePrev = p.gracePrev;
    } else {
      graceTail = p.gracePrev;
    }
    p.gracePrev = null;
    p.graceNext = null;
    if (graceHead == null && graceTimer != null) {
      graceTimer.cancel(); // an idle engine's timer thread may end
      graceTimer = null;
      graceEngine = null;
    }
  }

  /** Forgets a probe that completed (and its place in the grace queue); again for the same probe does nothing. */
  void unlink(InFlightProbe<?> p) {
    synchronized (liveLock) {
      leaveGraceQueue(p);
      if (!p.linked) {
        return;
      }
      p.linked = false;
      if (p.livePrev != null) {
        p.livePrev.liveNext = p.liveNext;
      } else {
        liveHead = p.liveNext;
      }
      if (p.liveNext != null) {
        p.liveNext.livePrev = p.livePrev;
      }
      p.livePrev = null;
      p.liveNext = null;
      liveCount--;
    }
  }

  /**
   * Starts {@code p} now, or once fewer than {@code max} run, and returns it: the probe is the caller's future. It
   * completes on the engine's completion executor (or before this method returns, when the backend finished within
   * the call); with a TIMEOUT result when the backend has not completed {@link ProbeExecution#ASYNC_GRACE} after the
   * deadline (the engine's timer enforces it); with a typed failure when the backend fails; and cancelling it cancels
   * the backend's future, which closes the probe's socket. Programmer errors thrown by {@link InFlightProbe#start()}
   * propagate; ones the backend's future fails with complete it exceptionally.
   */
  public <R> CompletableFuture<R> submit(InFlightProbe<R> p) {
    p.owner = this;
    link(p);
    if (running.incrementAndGet() <= max) {
      if (!p.begin(true)) {
        running.decrementAndGet();
      }
      if (!p.isDone()) {
        p.armStarted();
      }
    } else {
      running.decrementAndGet();
      p.arm();
      queued.add(p);
      drain();
    }
    return p;
  }

  /** Completes every probe still live with CANCELLED (its backend's future is cancelled, closing its socket). */
  public void closeAll(String why) {
    closed = true;
    List<InFlightProbe<?>> all = new ArrayList<>();
    synchronized (liveLock) {
      for (InFlightProbe<?> p = liveHead; p != null; p = p.liveNext) {
        all.add(p);
      }
    }
    for (InFlightProbe<?> p : all) {
      p.endIfWaiting();
      p.fail(ProbeFailure.of(FailureKind.CANCELLED, why));
    }
    queued.clear();
  }

  void finished() {
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
          InFlightProbe<?> p = queued.poll();
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
}
