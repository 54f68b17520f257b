package io.netprobe.core;

import java.time.Duration;
import java.time.Instant;

/**
 * Everything one probe is asked, complete: what a request hands its {@link ProbeRunner} and a backend receives.
 * Implementations are immutable records and thread-safe.
 *
 * @param <R> the result of this probe
 */
public interface ProbeSpec<R extends ProbeResult> {

  /** The deadline of the whole probe, measured from the moment it is run. */
  Duration timeout();

  /**
   * The result of this probe when it could not run or did not finish: no backend here, a backend that failed
   * unexpectedly, a deadline passed before any answer. It names no backend ({@code "none"}) and carries
   * {@code failure}.
   *
   * @param started when the probe was started
   * @param elapsed how long it ran before it gave up
   */
  R failed(ProbeFailure failure, Instant started, Duration elapsed);

  /**
   * Whether this probe is made of other probes that it starts and waits for (a diagnosis). A runner runs such probes
   * asynchronously on threads of its own, never on the executor their parts use, so that a small executor cannot be
   * filled by probes waiting for their own parts.
   */
  default boolean waitsForOtherProbes() {
    return false;
  }
}
