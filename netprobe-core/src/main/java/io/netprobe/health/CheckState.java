package io.netprobe.health;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link HealthMonitor} knows about one check at the moment it was asked: the last result and its age.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the check's name
 * @param status the last result's status; {@link HealthStatus#UNKNOWN} before the first result and when the last
 *     one is stale
 * @param last the last result, when one has come
 * @param age how long ago the last result came
 * @param stale whether the last result is older than the check's interval plus its timeout plus a grace period,
 *     which means the check stopped running on time
 * @param running whether a probe of this check is running now
 */
public record CheckState(String name, HealthStatus status, Optional<HealthResult> last, Optional<Duration> age,
    boolean stale, boolean running) {

  public CheckState {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(age, "age");
  }
}
