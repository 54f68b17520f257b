package io.netprobe.health;

/**
 * The verdict of a health check, in the vocabulary of Spring Boot Actuator plus {@link #DEGRADED}.
 *
 * <p>When statuses are combined, the most severe wins: {@link #DOWN} over {@link #UNKNOWN} over {@link #DEGRADED}
 * over {@link #UP}.
 *
 * <p>Immutable enum; thread-safe.
 */
public enum HealthStatus {
  /** The rule holds. */
  UP(0),
  /** The target works, but something needs attention soon: a certificate close to expiry, some packet loss. */
  DEGRADED(1),
  /** No result to judge yet (the first probe is still running), or the last result is stale. */
  UNKNOWN(2),
  /** The rule does not hold, or the probe failed. */
  DOWN(3);

  private final int severity;

  HealthStatus(int severity) {
    this.severity = severity;
  }

  /** The more severe of this status and {@code other}. */
  public HealthStatus worst(HealthStatus other) {
    return other.severity > severity ? other : this;
  }

  /** True for {@link #DOWN} only: the status that a health endpoint answers with HTTP 503. */
  public boolean isDown() {
    return this == DOWN;
  }
}
