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
}
