package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Work a JVM does once and probes wait for only until their deadline: loading a TLS library and its classes takes
 * a few hundred milliseconds the first time, which a probe with a short deadline must not overrun. The first
 * {@link #await} starts the work on a daemon thread of its own, which ends when the work is done. Thread-safe.
 *
 * @param <T> what the work gives
 */
final class OneTimeLoad<T> {
  private final String name;
  private final Supplier<T> work;
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final AtomicBoolean started = new AtomicBoolean();

  /** @param name the loading thread's name */
  OneTimeLoad(String name, Supplier<T> work) {
    this.name = name;
    this.work = work;
  }

  /**
   * The work's result, or empty when it is still being done at {@code deadline}.
   *
   * @throws IllegalStateException when the work failed
   */
  Optional<T> await(Deadline deadline) {
    start();
    try {
      return Optional.of(result.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS));
    } catch (TimeoutException stillLoading) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(name + " failed", e.getCause());
    }
  }

  /** Whether the work is done, well or not, by {@code deadline}. */
  boolean awaitDone(Deadline deadline) {
    try {
      return await(deadline).isPresent();
    } catch (IllegalStateException failed) {
      return true;
    }
  }

  /** The work's result, waiting as long as it takes. */
  T join() {
    start();
    return result.join();
  }

  /** Starts the work on its thread, unless it has been started. */
  void start() {
    if (started.compareAndSet(false, true)) {
      Thread loader = new Thread(() -> {
        try {
          result.complete(work.get());
        } catch (RuntimeException | Error e) {
          result.completeExceptionally(e);
        }
      }, name);
      loader.setDaemon(true);
      loader.start();
    }
  }
}
