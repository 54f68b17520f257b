package io.netprobe.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A configured probe, ready to run. Requests are immutable: every option method returns a new request, so one
 * request can be shared, changed and run many times from many threads.
 *
 * @param <R> the result type
 * @param <Q> the request type itself, returned by the option methods
 */
public interface ProbeRequest<R extends ProbeResult, Q extends ProbeRequest<R, Q>> {

  /**
   * The deadline for the whole probe, measured from the moment it is run: every retry, redirect and hop fits inside
   * it. Must be positive and at most one hour.
   *
   * @throws IllegalArgumentException when the duration is zero, negative or too long
   */
  Q timeout(Duration timeout);

  /** The timeout this request will run with. */
  Duration timeout();

  /**
   * Runs the probe on the calling thread and returns by its deadline (within a few tens of milliseconds), whatever
   * the peer does. Network outcomes come back as failures inside the result; this method does not throw them.
   */
  R run();

  /** Runs the probe on the client's executor. The future completes by the deadline and never completes exceptionally
   * with a network error. */
  CompletableFuture<R> runAsync();
}
