package io.netprobe.health;

import java.util.Objects;

/**
 * What a {@link HealthRule} decided about one probe result, and why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the verdict
 * @param reason a short English sentence for humans, e.g. {@code "status 503 is not in 200-299"}
 */
public record HealthVerdict(HealthStatus status, String reason) {
  public HealthVerdict {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  public static HealthVerdict up(String reason) {
    return new HealthVerdict(HealthStatus.UP, reason);
  }

  public static HealthVerdict degraded(String reason) {
    return new HealthVerdict(HealthStatus.DEGRADED, reason);
  }

  public static HealthVerdict down(String reason) {
    return new HealthVerdict(HealthStatus.DOWN, reason);
  }

  /** The more severe of the two verdicts; on a tie, this one. */
  public HealthVerdict worst(HealthVerdict other) {
    return status.worst(other.status) == status ? this : other;
  }
}
