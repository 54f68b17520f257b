package io.netprobe.internal.dispatch;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.engine.NotifyingFuture;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.annotation.Nullable;

/**
 * A probe with an IP preference on the asynchronous path: the name is looked up without a thread waiting for it,
 * then the backend's asynchronous probe of the chosen address is started, and its result given back as the probe
 * asked. Cancelling it cancels what is in progress: during the lookup it completes cancelled at once (no socket
 * yet); during the backend's probe it cancels that one and completes once it has (its socket closed), so the
 * in-flight bound frees the slot then. Thread-safe.
 *
 * @param <R> the probe's result
 */
final class AfterLookup<R> extends NotifyingFuture<R> {
  /** What starts once the name is looked up: the backend's probe, and what its result becomes. */
  record Started<R>(CompletableFuture<R> probe, UnaryOperator<R> finish) {
    /** A result known at once: the lookup or the preference's choice failed. */
    static <R> Started<R> done(R result) {
      return new Started<>(CompletableFuture.completedFuture(result), UnaryOperator.identity());
    }
  }

  private final Host host;
  private final Function<SystemResolver.Resolution, Started<R>> next;
  private volatile boolean cancelRequested;
  private volatile @Nullable CompletableFuture<R> probe;

  private AfterLookup(Host host, Function<SystemResolver.Resolution, Started<R>> next) {
    this.host = host;
    this.next = next;
  }

  /** Looks {@code host} up with {@code lookup}, then starts what {@code next} makes of its addresses. */
  static <R> CompletableFuture<R> start(Host host, Deadline deadline, PreferredAddress.AsyncLookup lookup,
      Function<SystemResolver.Resolution, Started<R>> next) {
    AfterLookup<R> run = new AfterLookup<>(host, next);
    lookup.resolve(host, deadline).whenComplete(run::resolved);
    return run;
  }

  private void resolved(@Nullable SystemResolver.Resolution resolution, @Nullable Throwable error) {
    if (isDone() || cancelRequested) {
      return;
    }
    Started<R> started;
    try {
      started = next.apply(SystemResolver.outcome(host, resolution, error));
    } catch (RuntimeException e) {
      completeExceptionally(e);
      return;
    }
    CompletableFuture<R> p = started.probe();
    probe = p;
    if (cancelRequested) {
      p.cancel(true); // cancelled while the probe was starting
    }
    p.whenComplete((r, e) -> {
      if (e == null) {
        complete(started.finish().apply(r));
      } else if (cancelRequested) {
        super.cancel(true);
      } else {
        completeExceptionally(e);
      }
    });
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (isDone()) {
      return false;
    }
    cancelRequested = true;
    CompletableFuture<R> p = probe;
    if (p == null) {
      return super.cancel(mayInterruptIfRunning); // still looking the name up: no socket yet
    }
    p.cancel(true);
    return true;
  }
}
