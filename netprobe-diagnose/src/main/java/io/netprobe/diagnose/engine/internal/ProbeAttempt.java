package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * One probe a diagnosis tried: its result, or why it did not run (no backend on the class path, no time left, not
 * finished by the diagnosis deadline). Immutable and thread-safe.
 */
record ProbeAttempt<R extends ProbeResult>(@Nullable R result, @Nullable String notRunReason) {

  static <R extends ProbeResult> ProbeAttempt<R> of(R result) {
    return new ProbeAttempt<>(result, null);
  }

  static <R extends ProbeResult> ProbeAttempt<R> notRun(String reason) {
    return new ProbeAttempt<>(null, reason);
  }

  Optional<R> get() {
    return Optional.ofNullable(result);
  }

  boolean ran() {
    return result != null;
  }

  /** Failures that happen on this machine before or instead of any traffic: they say nothing about the target. */
  static boolean isLocal(ProbeFailure failure) {
    return LOCAL_FAILURES.contains(failure.kind());
  }

  private static final Set<FailureKind> LOCAL_FAILURES =
      Set.of(FailureKind.RESOURCE_EXHAUSTED, FailureKind.CANCELLED, FailureKind.INTERNAL_ERROR);

  /** The probe ran and its outcome is about the target (not a local failure such as running out of descriptors). */
  boolean reachedTheWire() {
    return result != null && result.failure().filter(ProbeAttempt::isLocal).isEmpty();
  }

  boolean succeeded() {
    return result != null && result.isSuccess();
  }

  String reason() {
    return notRunReason == null ? "" : notRunReason;
  }
}
