package io.netprobe.internal.diagnose;

import io.netprobe.ProbeResult;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * A probe's result, or why it did not run (no backend on the class path, no time left, not finished by the
 * diagnosis deadline). Immutable and thread-safe.
 */
record Outcome<R extends ProbeResult>(@Nullable R result, @Nullable String notRunReason) {

  static <R extends ProbeResult> Outcome<R> of(R result) {
    return new Outcome<>(result, null);
  }

  static <R extends ProbeResult> Outcome<R> notRun(String reason) {
    return new Outcome<>(null, reason);
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
