package io.netprobe.core;

import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * Why a probe failed: a {@link FailureKind} to branch on, a message for humans, and the underlying cause when there
 * was one.
 *
 * <p>The message is redacted ({@link Redaction#text}) when the failure is made: a URL quoted in it keeps no user info
 * and no secret query parameter values.
 *
 * <p>Immutable and thread-safe.
 */
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public final class ProbeFailure {
  private final FailureKind kind;
  private final String message;
  private final @Nullable Throwable cause;

  private ProbeFailure(FailureKind kind, String message, @Nullable Throwable cause) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.message = Redaction.text(Objects.requireNonNull(message, "message"));
    this.cause = cause;
  }

  /** A failure of the given kind with a message that says what happened, for example which server timed out. */
  public static ProbeFailure of(FailureKind kind, String message) {
    return new ProbeFailure(kind, message, null);
  }

  /** A failure of the given kind caused by an exception. */
  public static ProbeFailure of(FailureKind kind, String message, @Nullable Throwable cause) {
    return new ProbeFailure(kind, message, cause);
  }

  /** A failure whose message is the kind's own description. */
  public static ProbeFailure of(FailureKind kind) {
    return new ProbeFailure(kind, kind.description(), null);
  }

  public FailureKind kind() {
    return kind;
  }

  public String message() {
    return message;
  }

  public Optional<Throwable> cause() {
    return Optional.ofNullable(cause);
  }

  /** This failure as an exception, for callers who prefer to throw. */
  public NetprobeException toException() {
    return new NetprobeException(this);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ProbeFailure
        && ((ProbeFailure) o).kind == kind
        && ((ProbeFailure) o).message.equals(message)
        && Objects.equals(((ProbeFailure) o).cause, cause);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, message);
  }

  @Override
  public String toString() {
    return kind + ": " + message + (cause == null ? "" : " (" + Redaction.text(String.valueOf(cause)) + ")");
  }
}
