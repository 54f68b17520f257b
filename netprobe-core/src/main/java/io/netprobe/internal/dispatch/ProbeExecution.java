package io.netprobe.internal.dispatch;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a probe body so that nothing but programmer errors escape: a backend that throws produces an INTERNAL_ERROR
 * result, an unavailable backend an UNSUPPORTED_PLATFORM result ({@link InFlight} does the same for async probes,
 * and times out one that overruns its deadline). Stateless; thread-safe.
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
