package io.netprobe.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every check's state at one moment, and their combined status (the most severe; {@link HealthStatus#UP} when there
 * are no checks).
 *
 * <p>Immutable and thread-safe.
 *
 * @param status the combined status
 * @param checks the checks in the order they were added
 * @param at when the snapshot was taken
 */
public record HealthSnapshot(HealthStatus status, List<CheckState> checks, Instant at) {
  public HealthSnapshot {
    Objects.requireNonNull(status, "status");
    checks = List.copyOf(checks);
    Objects.requireNonNull(at, "at");
  }

  /** The state of the check named {@code name}. */
  public Optional<CheckState> check(String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
