package io.netprobe.internal.dispatch;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.engine.NotifyingFuture;
import io.netprobe.spi.ProbeEngine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * One submitted probe. It is the caller's future itself, and the one object the client keeps per probe in flight:
 * it is also the backend future's completion stage and the timer's task, because tens of thousands of probes wait
 * at once and every object each keeps alive is copied by each young collection (a wrapper future, a dependent
 * stage, an AtomicInteger and five lambdas per probe showed in the heap). Subclasses say how the backend starts and
 * what a failure looks like as a result. Thread-safe.
 */
public abstract class InFlightProbe<R> extends CompletableFuture<R> implements BiFunction<R, Throwable, Void>,
    Runnable {
  private static final int WAITING = 0;
  private static final int STARTED = 1;
  private static final int ENDED = 2;
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(InFlightProbe.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final ProbeEngine engine;
  private final Deadline deadline;
  @Nullable InFlight owner;
  /** Links of {@link InFlight}'s list of live probes, guarded by its lock. */
  @Nullable InFlightProbe<?> livePrev;
  @Nullable InFlightProbe<?> liveNext;
  boolean linked;
  /** Links of {@link InFlight}'s grace queue, guarded by its lock. */
  @Nullable InFlightProbe<?> gracePrev;
  @Nullable InFlightProbe<?> graceNext;
  boolean inGraceQueue;
  private volatile @Nullable CompletableFuture<R> inner;
  /** WAITING, STARTED, or ENDED before starting: the timer, a close and a freed slot race for it. */
  private volatile int state;
  private volatile @Nullable ProbeEngine.Cancellable timer;
  /** Whether {@link #timer} is the grace after the deadline (else the deadline of a probe that waited to start). */
  private volatile boolean graceArmed;
  /**
   * Set just before this future completes: the backend's outcome, a timer set meanwhile are then too late (the
   * ordering {@link #isDone()} gave when the probe was ended after it completed).
   */
  volatile boolean ending;
  /** Set when the backend's future completed: the grace, if it ends before the caller's future does, is moot. */
  private volatile boolean backendDone;
  /** Set on the caller's thread when the backend had finished within the call; read there, by {@link #apply}. */
  private boolean settleHere;

  protected InFlightProbe(ProbeEngine engine, Deadline deadline) {
    this.engine = engine;
    this.deadline = deadline;
  }

  /** Starts the backend; its future, completed by the deadline. May throw (see {@link ProbeExecution#call}). */
  protected abstract CompletableFuture<R> start();

  /** The result that reports {@code failure}. */
  protected abstract R failed(ProbeFailure failure);

  /** The engine the probe runs on. */
  protected final ProbeEngine engine() {
    return engine;
  }

  /** The probe's deadline. */
  protected final Deadline deadline() {
    return deadline;
  }

  private boolean moveState(int from, int to) {
    return STATE.compareAndSet(this, from, to);
  }

  /**
   * For a queued probe, at the deadline: one that never started times out; one started meanwhile gets the grace,
   * then times out.
   */
  void arm() {
    setTimer(engine.at(deadline, this));
  }

  /**
   * For a probe started at once: the grace after the deadline (a backend keeps its own deadline), on the client's
   * shared grace timer when it can ({@link InFlight#awaitGrace}), else on a timer of its own.
   */
  void armStarted() {
    graceArmed = true;
    if (!owner.awaitGrace(this)) {
      armGrace(deadline.remainingNanos() + InFlight.GRACE_NANOS);
    }
  }

  /** When the grace after the deadline ends ({@link System#nanoTime()}). */
  long graceDue() {
    return deadline.nanoTime() + InFlight.GRACE_NANOS;
  }

  private void armGrace(long delayNanos) {
    graceArmed = true;
    setTimer(engine.after(Duration.ofNanos(delayNanos), this));
  }

  /** The timer's task: see {@link #arm()} and {@link #armGrace}. */
  @Override
  public void run() {
    if (graceArmed) {
      if (backendDone) {
        return; // its outcome is on the way to the caller's future (apply), as when apply cancelled this timer
      }
      long budgetNanos = deadline.elapsed().toNanos() - (System.nanoTime() - deadline.nanoTime());
      fail(ProbeFailure.of(FailureKind.TIMEOUT, "no result within " + budgetNanos / 1_000_000 + " ms"));
    } else if (moveState(WAITING, ENDED)) {
      failNeverStarted();
    } else if (state == STARTED && !isDone()) {
      armGrace(InFlight.GRACE_NANOS);
    }
  }

  private void setTimer(ProbeEngine.Cancellable t) {
    timer = t;
    if (ending) {
      t.cancel(); // ended before the timer was set: end() could not cancel it
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
   * @param callersThread started by {@link InFlight#submit} on the caller's thread: a backend that finished within the
   *     call (a loopback connect, a refused port) completes the caller's future here, before submit returns,
   *     instead of through a hand-over to the completion executor — no engine thread is running it
   */
  boolean begin(boolean callersThread) {
    InFlight o = owner;
    if (ending || o.closed || !moveState(WAITING, STARTED)) {
      return false;
    }
    CompletableFuture<R> f = ProbeExecution.call(this::start,
        failure -> CompletableFuture.completedFuture(failed(failure)));
    inner = f;
    // then apply() runs now, on this thread, within handle()
    settleHere = callersThread && f.isDone();
    // handle, not whenComplete: a whenComplete stage of a cancelled future completes with a CompletionException of
    // its own (a stack trace per probe cancelled at its grace), where this stage's result is never looked at
    if (f instanceof NotifyingFuture<R> notifying) {
      notifying.listen(this); // no dependent stage kept per probe
    } else {
      f.handle(this);
    }
    if (ending) {
      f.cancel(true); // completed (cancelled, closed) while the backend was starting
    }
    return true;
  }

  /** The backend's future completed. */
  @Override
  public @Nullable Void apply(@Nullable R result, @Nullable Throwable error) {
    backendDone = true;
    InFlight o = owner;
    o.finished();
    if (ending || o.closed) {
      return null; // closeAll completes it as CANCELLED, whatever the closing engine made its backend say
    }
    cancelTimer();
    if (settleHere) {
      ProbeExecution.settle(this, result, error, this::failed);
      return null;
    }
    try {
      engine.completions().execute(() -> ProbeExecution.settle(this, result, error, this::failed));
    } catch (RuntimeException rejected) {
      ProbeExecution.settle(this, result, error, this::failed);
    }
    return null;
  }

  void neverStarted() {
    if (moveState(WAITING, ENDED)) {
      failNeverStarted();
    }
  }

  /** For {@link InFlight#closeAll}: a probe not started yet never will. */
  void endIfWaiting() {
    moveState(WAITING, ENDED);
  }

  private void failNeverStarted() {
    fail(ProbeFailure.of(FailureKind.TIMEOUT, "the probe never started: " + owner.max + " probes of this client "
        + "were in flight until its deadline (maxInFlight)"));
  }

  /**
   * Completes the caller's future with {@code failure} on the completion executor, so that neither the timer
   * thread (a deadline) nor the closing thread runs the caller's continuations, and the timer stays punctual when
   * many deadlines pass at once.
   */
  void fail(ProbeFailure failure) {
    if (isDone()) {
      return;
    }
    Runnable complete = () -> {
      R value;
      try {
        value = failed(failure);
      } catch (RuntimeException e) {
        completeExceptionally(e);
        return;
      }
      complete(value);
    };
    try {
      engine.completions().execute(complete);
    } catch (RuntimeException rejected) {
      complete.run();
    }
  }

  // Every way this future completes ends the probe first (in place of a dependent stage per probe that did it):
  // so the backend is cancelled before a caller waiting in join() wakes, as when that stage ran in join().

  @Override
  public boolean complete(@Nullable R value) {
    return !isDone() && end() && super.complete(value);
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    return !isDone() && end() && super.completeExceptionally(ex);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    return !isDone() && end() && super.cancel(mayInterruptIfRunning);
  }

  @Override
  public void obtrudeValue(@Nullable R value) {
    end();
    super.obtrudeValue(value);
  }

  @Override
  public void obtrudeException(Throwable ex) {
    end();
    super.obtrudeException(ex);
  }

  /** Through {@link #complete}, which CompletableFuture's own would bypass. */
  @Override
  public CompletableFuture<R> completeAsync(Supplier<? extends R> supplier, Executor executor) {
    Objects.requireNonNull(supplier, "supplier");
    executor.execute(() -> {
      try {
        complete(supplier.get());
      } catch (Throwable t) {
        completeExceptionally(t);
      }
    });
    return this;
  }

  /**
   * The caller's future completes now, however: stop the timer and the backend. Returns true. Another thread may
   * complete it first; ending twice does no harm.
   */
  private boolean end() {
    ending = true;
    InFlight o = owner;
    if (o != null) {
      o.unlink(this);
    }
    cancelTimer();
    CompletableFuture<R> f = inner;
    if (f != null && !f.isDone()) {
      f.cancel(true);
    }
    return true;
  }

  private void cancelTimer() {
    ProbeEngine.Cancellable t = timer;
    if (t != null) {
      t.cancel();
    }
  }
}
