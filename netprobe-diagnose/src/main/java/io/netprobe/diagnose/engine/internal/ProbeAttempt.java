package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.ProbeResult;
import java.util.Optional;
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

  boolean succeeded() {
    return result != null && result.isSuccess();
  }

  String reason() {
    return notRunReason == null ? "" : notRunReason;
  }
}
