package io.netprobe.internal.dispatch;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import io.netprobe.spi.ProbeEngine;
import io.netprobe.core.Deadline;

/**
 * Runs a probe body so that nothing but programmer errors escape: a backend that throws produces an INTERNAL_ERROR
 * result, an unavailable backend an UNSUPPORTED_PLATFORM result, and an async probe that overruns its deadline a
 * TIMEOUT result. Stateless; thread-safe.
 */
public final class ProbeExecution {
  /** How long past its deadline an async probe may run before the future is completed with TIMEOUT. */
  public static final Duration ASYNC_GRACE = Duration.ofMillis(100);

  private ProbeExecution() {}

  /**
   * Calls {@code body}; on an unexpected exception returns {@code onFailure} applied to a typed failure.
   * {@link IllegalArgumentException}, {@link IllegalStateException} and {@link NullPointerException} are
   * programmer errors and propagate.
   */
  public static <R> R call(Supplier<R> body, Function<ProbeFailure, R> onFailure) {
    try {
      return body.get();
    } catch (BackendUnavailableException e) {
      return onFailure.apply(ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, e.getMessage(), e));
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException programmerError) {
      throw programmerError;
    } catch (RuntimeException | StackOverflowError e) {
      return onFailure.apply(ProbeFailure.of(FailureKind.INTERNAL_ERROR,
          "the backend failed unexpectedly: " + e, e));
    }
  }

  /**
   * Runs {@code body} on {@code executor}. The future completes with the body's result, or with a TIMEOUT result
   * when the body has not returned {@link #ASYNC_GRACE} after {@code timeout}; it never completes exceptionally
   * because of the network.
   */
  public static <R> CompletableFuture<R> callAsync(
      Supplier<R> body, Function<ProbeFailure, R> onFailure, Executor executor, Duration timeout) {
    CompletableFuture<R> future;
    try {
      future = CompletableFuture.supplyAsync(() -> call(body, onFailure), executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(
          onFailure.apply(ProbeFailure.of(FailureKind.INTERNAL_ERROR, "the executor rejected the probe", e)));
    }
    long limitMillis = timeout.plus(ASYNC_GRACE).toMillis();
    return future
        .orTimeout(limitMillis, TimeUnit.MILLISECONDS)
        .handle((result, error) -> {
          if (error == null) {
            return result;
          }
          Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
          if (cause instanceof TimeoutException) {
            return onFailure.apply(ProbeFailure.of(FailureKind.TIMEOUT, "no result within " + timeout));
          }
          if (cause instanceof CancellationException) {
            return onFailure.apply(ProbeFailure.of(FailureKind.CANCELLED, "the probe was cancelled", cause));
          }
          if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
          }
          return onFailure.apply(ProbeFailure.of(FailureKind.INTERNAL_ERROR, "the probe failed: " + cause, cause));
        });
  }

  /**
   * Starts a probe with {@code start} and returns its future as the caller sees it: completed on the engine's
   * completion executor; with a TIMEOUT result when the backend has not completed {@link #ASYNC_GRACE} after the
   * deadline (the engine's timer, not a waiting thread, enforces it); with a typed failure when the backend fails;
   * and cancelling it cancels the backend's future, which closes the probe's socket. Programmer errors thrown by
   * {@code start} propagate; ones the backend's future fails with complete the returned future exceptionally.
   */
  public static <R> CompletableFuture<R> callAsync(Supplier<CompletableFuture<R>> start,
      Function<ProbeFailure, R> onFailure, ProbeEngine engine, Deadline deadline) {
    return new InFlight(Integer.MAX_VALUE).submit(start, onFailure, engine, deadline);
  }

  static <R> void settle(CompletableFuture<R> outer, @javax.annotation.Nullable R result,
      @javax.annotation.Nullable Throwable error, Function<ProbeFailure, R> onFailure) {
    if (error == null) {
      outer.complete(result);
      return;
    }
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof CancellationException) {
      outer.complete(onFailure.apply(ProbeFailure.of(FailureKind.CANCELLED, "the probe was cancelled", cause)));
    } else if (cause instanceof BackendUnavailableException) {
      outer.complete(onFailure.apply(ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, cause.getMessage(), cause)));
    } else if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException
        || cause instanceof NullPointerException) {
      outer.completeExceptionally(cause);
    } else {
      outer.complete(onFailure.apply(ProbeFailure.of(FailureKind.INTERNAL_ERROR,
          "the backend failed unexpectedly: " + cause, cause)));
    }
  }

  /**
   * Waits for {@code future} on the calling thread: {@code run()} is the asynchronous path joined. A programmer
   * error the future failed with is rethrown as itself.
   */
  public static <R> R join(CompletableFuture<R> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
