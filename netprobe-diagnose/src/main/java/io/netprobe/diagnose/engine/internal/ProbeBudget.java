package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeResult;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the probes of one diagnosis under its deadline: each probe gets the smaller of its own budget and the time
 * left (minus the slack async probes may overrun by), a missing backend becomes a "not run" attempt instead of an
 * exception, and waiting for a result never passes the deadline. Thread-safe.
 */
final class ProbeBudget {
  /** Kept free before the deadline: the async grace of a probe plus time to assemble the report. */
  static final Duration SLACK = Duration.ofMillis(150);
  private static final Duration MIN_BUDGET = Duration.ofMillis(20);

  private final Deadline deadline;

  ProbeBudget(Deadline deadline) {
    this.deadline = deadline;
  }

  Deadline deadline() {
    return deadline;
  }

  /** The time a probe may take: {@code cap}, or less when the deadline is nearer. */
  Duration budget(Duration cap) {
    Duration left = deadline.remaining().minus(SLACK);
    return left.compareTo(cap) < 0 ? left : cap;
  }

  /** Starts {@code request} with the budget; never throws, and the future never completes exceptionally. */
  <R extends ProbeResult, Q extends ProbeRequest<R, Q>> CompletableFuture<ProbeAttempt<R>> start(Q request,
      Duration cap) {
    Duration budget = budget(cap);
    if (budget.compareTo(MIN_BUDGET) < 0) {
      return CompletableFuture.completedFuture(ProbeAttempt.notRun("no time left before the diagnosis deadline"));
    }
    try {
      return request.timeout(budget).runAsync().handle((r, e) -> e == null ? ProbeAttempt.of(r) : notRun(e));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(notRun(e));
    }
  }

  /** The attempt once it is there, or "not finished" when the deadline passes first. */
  <R extends ProbeResult> ProbeAttempt<R> await(CompletableFuture<ProbeAttempt<R>> future) {
    try {
      return future.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return ProbeAttempt.notRun("not finished by the diagnosis deadline");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeAttempt.notRun("interrupted");
    } catch (ExecutionException | CancellationException e) {
      return notRun(e);
    }
  }

  private static <R extends ProbeResult> ProbeAttempt<R> notRun(Throwable e) {
    Throwable cause = e;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    // IllegalStateException from backend selection names the artifact to add: pass its message on
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return ProbeAttempt.notRun(message);
  }
}
