package io.netprobe.icmp;

import io.netprobe.core.ProbeRunner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * mtr without a thread that waits: each cycle is the runner's asynchronous traceroute, and the pause before the next
 * is a timer (the JDK's shared delay thread, which only starts the next trace). Cancelling the future cancels the
 * cycle in progress and starts no other. Thread-safe: cycles run one after another, each started once the last ended.
 */
final class AsyncMtr extends CompletableFuture<MtrResult> {
  private final ProbeRunner runner;
  private final MtrCycles cycles;
  private volatile @Nullable CompletableFuture<TracerouteResult> current;

  private AsyncMtr(ProbeRunner runner, MtrSpec spec) {
    this.runner = runner;
    this.cycles = new MtrCycles(spec);
  }

  /** Runs {@code spec}'s cycles with {@code runner}'s asynchronous traceroutes. */
  static CompletableFuture<MtrResult> start(ProbeRunner runner, MtrSpec spec) {
    AsyncMtr run = new AsyncMtr(runner, spec);
    if (run.cycles.untilNext() < 0) {
      run.complete(run.cycles.result());
    } else {
      run.cycle(); // the first cycle is due at once
    }
    return run;
  }

  private void next() {
    if (isDone()) {
      return;
    }
    long wait = cycles.untilNext();
    if (wait < 0) {
      complete(cycles.result());
      return;
    }
    // through the delay thread even when the next cycle is due now: a trace that completes at once must not nest the
    // next cycle in this one's stack
    Executor later = CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, Runnable::run);
    later.execute(this::cycle);
  }

  private void cycle() {
    if (isDone()) {
      return;
    }
    CompletableFuture<TracerouteResult> trace;
    try {
      trace = runner.runAsync(cycles.next(), cycles.cycleDeadline());
    } catch (RuntimeException e) {
      completeExceptionally(e);
      return;
    }
    current = trace;
    if (isCancelled()) {
      trace.cancel(true);
      return;
    }
    trace.whenComplete((r, e) -> {
      if (e != null) {
        completeExceptionally(e);
        return;
      }
      try {
        cycles.add(r);
      } catch (RuntimeException bug) {
        completeExceptionally(bug);
        return;
      }
      next();
    });
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    CompletableFuture<TracerouteResult> trace = current;
    if (cancelled && trace != null) {
      trace.cancel(true);
    }
    return cancelled;
  }
}
