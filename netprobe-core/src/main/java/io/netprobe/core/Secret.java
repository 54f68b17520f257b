package io.netprobe.core;

import java.util.Objects;
import javax.annotation.Nullable;

/**
 * A value that must never be shown: a password, a bearer token, a client key's password. {@link #toString()} is
 * {@link Redaction#MARK}; netprobe-jackson writes it as that mark too. Only the backend that sends it calls
 * {@link #reveal()}.
 *
 * <p>Immutable and thread-safe.
 */
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** Wraps {@code value}. */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"));
  }

  /** The secret itself, for the code that puts it on the wire; never log or print it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Secret && ((Secret) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Always {@link Redaction#MARK}. */
  @Override
  public String toString() {
    return Redaction.MARK;
  }
}
