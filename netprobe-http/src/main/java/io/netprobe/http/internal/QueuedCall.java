package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.engine.NotifyingFuture;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import io.netprobe.spi.ProbeEngine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.annotation.Nullable;

/**
 * One exchange on {@link HttpCalls}' threads, as one object: the future the HTTP policy listens to, the task a call
 * thread runs, and what the deadline's timer ends — where a future, a dependent stage, four atomics and three lambdas
 * were (G1's young pauses copy every probe in flight). At the deadline it completes with a timeout if no thread took
 * the call (or one passed it over, see {@link #worthStarting}); with the failure the running call would give, from its
 * phases so far, while the call is cancelled (closing its socket) on another thread; or, if the thread was still
 * building the call, {@link #BACKSTOP} later. Cancelling it cancels the call. Thread-safe.
 */
final class QueuedCall extends NotifyingFuture<HttpExchange> implements Runnable {
  /** How long after the deadline the engine's timer completes an exchange whose call has not returned. */
  static final Duration BACKSTOP = Duration.ofMillis(50);
  /** A waiting call with less than this fraction (1/n) of the time it had when queued left is not started. */
  static final int PASS_OVER_FRACTION = 20;

  private static final int WAITING = 0;
  private static final int RUNNING = 1;
  private static final int ENDED_WAITING = 2;
  private static final int PASSED_OVER = 3;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(QueuedCall.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final HttpExchangeRequest request;
  private final Deadline deadline;
  private final ProbeEngine engine;
  private final OkHttpExchange exchange;
  private final long hadWhenQueued;
  private volatile int state = WAITING;
  private volatile @Nullable OkHttpExchange.RunningCall call;
  private volatile @Nullable ProbeEngine.Cancellable timer;
  /** The call thread has returned from the call, which then closed its connection itself. */
  private volatile boolean returned;

  QueuedCall(HttpExchangeRequest request, Deadline deadline, ProbeEngine engine, OkHttpExchange exchange) {
    this.request = request;
    this.deadline = deadline;
    this.engine = engine;
    this.exchange = exchange;
    this.hadWhenQueued = deadline.remainingNanos();
  }

  /** Arms the deadline's timer and queues the call on {@code calls}. */
  QueuedCall start(Executor calls) {
    // The timer only hands over: the hops' policy and the caller's side run on a completion thread, so a thousand
    // deadlines passing at once do not make the timer late for the others.
    timer = engine.at(deadline, this::deadlinePassed);
    try {
      calls.execute(this);
    } catch (RejectedExecutionException closed) {
      complete(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the HTTP call threads refused the call")));
    }
    return this;
  }

  /**
   * Whether a call that had {@code hadWhenQueuedNanos} when it was queued should still start with {@code
   * remainingNanos} left: not once less than {@code 1/}{@link #PASS_OVER_FRACTION} of that is left. When the call
   * threads are saturated (an outage: every call waits for its whole timeout) the waiting calls' deadlines lie close
   * together, and first-in-first-out would start each of them in its last millisecond — a connect and a request that
   * cannot be answered in time, made by the thousand just as the deadlines pass. A call that did not wait starts
   * however little time it has.
   */
  static boolean worthStarting(long hadWhenQueuedNanos, long remainingNanos) {
    return remainingNanos >= hadWhenQueuedNanos / PASS_OVER_FRACTION;
  }

  /** On a call thread: the exchange, unless the probe is over or the call waited too long to be worth starting. */
  @Override
  public void run() {
    if (isDone()) {
      return;
    }
    if (!worthStarting(hadWhenQueued, deadline.remainingNanos())) {
      STATE.compareAndSet(this, WAITING, PASSED_OVER); // the timer ends it at the deadline
      return;
    }
    if (!STATE.compareAndSet(this, WAITING, RUNNING)) {
      return;
    }
    try {
      HttpExchange outcome = exchange.run(request, deadline, c -> {
        call = c;
        if (isDone()) {
          c.call().cancel();
        }
      });
      returned = true;
      complete(outcome);
    } catch (RuntimeException | Error e) {
      completeExceptionally(e);
    }
  }

  private void deadlinePassed() {
    if (STATE.compareAndSet(this, WAITING, ENDED_WAITING) || state == PASSED_OVER) {
      String until = state == PASSED_OVER ? "less than 1/" + PASS_OVER_FRACTION + " of its time was left"
          : "the deadline";
      completeLater(HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request "
          + request.url() + ": every HTTP call thread was busy until " + until)));
      return;
    }
    OkHttpExchange.RunningCall running = call;
    if (running != null) {
      // the verdict the call would give once unwound: thousands of calls cancelled at once take a while to unwind
      // (one watchdog thread cancels them in turn, each thread then builds its exception), the probe need not wait
      completeLater(HttpExchange.failed(running.atTheDeadline()));
      return;
    }
    timer = engine.after(BACKSTOP, () -> completeLater(HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT,
        "no response from " + request.url() + " by the deadline: the HTTP call had not returned and was "
        + "cancelled"))));
  }

  private void completeLater(HttpExchange value) {
    try {
      engine.completions().execute(() -> complete(value));
    } catch (RejectedExecutionException closed) {
      complete(value);
    }
  }

  @Override
  public boolean complete(@Nullable HttpExchange value) {
    boolean completed = super.complete(value);
    if (completed) {
      ended();
    }
    return completed;
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    boolean completed = super.completeExceptionally(ex);
    if (completed) {
      ended();
    }
    return completed;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    ended();
    return cancelled;
  }

  /** However it ended: the timer goes, and a call still running is cancelled. */
  private void ended() {
    ProbeEngine.Cancellable t = timer;
    if (t != null) {
      t.cancel();
    }
    OkHttpExchange.RunningCall c = call;
    if (c != null && !returned) {
      // Cancelling closes the socket, which waits for the call thread to leave its blocking read: not on the thread
      // that completed the future (the engine's timer, a completion thread), and not behind the blocking pool's
      // queue either (the JDK's common pool: short tasks, daemon threads, bounded by the cores)
      CompletableFuture.runAsync(c.call()::cancel);
    }
  }
}
