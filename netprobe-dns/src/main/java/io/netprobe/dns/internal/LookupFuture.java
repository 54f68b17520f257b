package io.netprobe.dns.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.engine.NotifyingFuture;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * A lookup's future, registered in its backend's lookups in flight until it completes, without a dependent
 * stage of its own (one fewer completion step per lookup on the loop thread; the client's bound listens to it
 * directly). Cancelling it withdraws the lookup,
 * and it completes as cancelled once the lookup's own socket (a TCP connection) is closed and its fd free: the
 * in-flight bound hands the slot on when this future completes. So {@code cancel} may return before the future is
 * done. It is also the lookup's callback ({@link #accept}), and the lookup itself says what it returns when the
 * backend closes: one object per lookup in flight where a map entry's runnable and three lambdas were. Thread-safe.
 */
final class LookupFuture<R> extends NotifyingFuture<R> implements Consumer<R> {
  /** A lookup in flight, as its future sees it. */
  interface Lookup<R> {
    /** Withdraws the lookup and runs {@code released} once what it holds is free. Callable from any thread. */
    void cancel(Runnable released);

    /** Its result when the backend closes before it is done. */
    R closed(ProbeFailure failure);
  }

  private final LiveLookups inFlight;
  /** Links of {@link LiveLookups}' list, guarded by its lock. */
  @Nullable LookupFuture<?> prev;
  @Nullable LookupFuture<?> next;
  boolean linked;
  private @Nullable UdpMux handOver;
  private volatile @Nullable Lookup<R> lookup;

  /** @param inFlight the backend's lookups in flight */
  LookupFuture(LiveLookups inFlight) {
    this.inFlight = inFlight;
  }

  /**
   * Remembers the lookup until this future completes: cancelling the future withdraws it (freeing its id, closing
   * its connection), and closing the backend completes it as CANCELLED. Called before the lookup starts.
   *
   * @param handOver the mux whose completion batches {@link #accept} joins (null: the lookup calls {@link #finish})
   */
  void track(Lookup<R> l, @Nullable UdpMux handOver) {
    this.handOver = handOver;
    lookup = l;
    inFlight.add(this);
    if (isDone()) {
      inFlight.remove(this); // cancelled meanwhile, perhaps before it knew what to withdraw
      if (isCancelled()) {
        l.cancel(() -> {});
      }
    }
  }

  /**
   * The lookup's result, on the loop thread: completes this future on the engine's completion executor with the
   * other results of this pass of the loop ({@link UdpMux#completeSoon}).
   */
  @Override
  public void accept(R result) {
    handOver.completeSoon(() -> finish(result));
  }

  /** Completes with the lookup's result. */
  void finish(R result) {
    inFlight.remove(this);
    complete(result);
  }

  /** The backend closes: withdraws the lookup and completes with its result saying so. */
  void backendClosed() {
    Lookup<R> l = lookup;
    if (l != null) {
      l.cancel(() -> {});
      finish(l.closed(ProbeFailure.of(FailureKind.CANCELLED, "the DNS backend was closed before the answer came")));
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return false;
    }
    Lookup<R> l = lookup;
    if (l == null) {
      // not started yet: nothing to release (track() withdraws it if it starts after all)
      boolean cancelled = cancelled();
      Lookup<R> late = lookup;
      if (late != null) {
        late.cancel(() -> {});
      }
      return cancelled;
    }
    l.cancel(this::cancelled);
    return true;
  }

  private boolean cancelled() {
    inFlight.remove(this);
    return super.cancel(false);
  }
}
