package io.netprobe.core;

import io.netprobe.ProbeClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What a request needs from the client that made it: a default timeout and a way to run a {@link ProbeSpec}.
 * {@link ProbeClient} is the runner of every request it makes; tests may hand requests a runner of their own.
 * Implementations are thread-safe.
 */
public interface ProbeRunner {

  /** The default deadline of probes made with this runner. */
  Duration timeout();

  /** The executor that runs asynchronous probes; composite probes may use it for blocking work of their own. */
  Executor executor();

  /**
   * Runs {@code spec} on the calling thread and returns by {@code deadline} (within a few tens of milliseconds).
   * Network outcomes, a missing backend and a backend's own failures come back inside the result; only programmer
   * errors ({@link IllegalArgumentException}, {@link IllegalStateException}, {@link NullPointerException}) are
   * thrown.
   */
  <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline);

  /**
   * Runs {@code spec} elsewhere. The future completes by {@code deadline} (plus a short grace) and never completes
   * exceptionally with a network error.
   *
   * @throws IllegalStateException at once when no backend for the spec is on the class path
   */
  <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline);
}
