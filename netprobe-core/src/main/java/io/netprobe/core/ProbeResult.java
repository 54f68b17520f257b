package io.netprobe.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What every probe result tells: which backend produced it, when it started, how long it took, and its outcome —
 * success, or a typed {@link ProbeFailure}.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public interface ProbeResult {

  /** The id of the backend that produced this result, e.g. {@code "dnsjava"} or {@code "fake"}. */
  String backend();

  /** When the probe started (wall clock). */
  Instant started();

  /** How long the probe took, measured with a monotonic clock. */
  Duration elapsed();

  /** Why the probe failed; empty on success. */
  Optional<ProbeFailure> failure();

  /** True when the probe succeeded. */
  default boolean isSuccess() {
    return failure().isEmpty();
  }

  /** The failure kind, or empty on success. Shorthand for {@code failure().map(ProbeFailure::kind)}. */
  default Optional<FailureKind> failureKind() {
    return failure().map(ProbeFailure::kind);
  }

  /**
   * Returns this result when it succeeded, and throws its failure as a {@link NetprobeException} otherwise. Result
   * types override this to return their own type.
   */
  default ProbeResult orThrow() {
    Optional<ProbeFailure> failure = failure();
    if (failure.isPresent()) {
      throw failure.get().toException();
    }
    return this;
  }
}
