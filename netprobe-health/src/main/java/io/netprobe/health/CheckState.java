package io.netprobe.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

  /**
   * What a health endpoint shows for this check, JSON-ready (see {@link HealthResult#details()}): {@code reason},
   * {@code checkedAt}, {@code ageMs}, {@code stale} (only when true), the last result's details, and
   * {@code running}. Before the first result: {@code reason} "no result yet" and {@code running}.
   */
  public Map<String, Object> details() {
    Map<String, Object> d = new LinkedHashMap<>();
    if (last.isEmpty()) {
      d.put("reason", "no result yet");
    } else {
      HealthResult r = last.get();
      d.put("reason", r.reason());
      d.put("checkedAt", r.checkedAt().toString());
      age.ifPresent(a -> d.put("ageMs", a.toMillis()));
      if (stale) {
        d.put("stale", true);
      }
      d.putAll(r.details());
    }
    d.put("running", running);
    return d;
  }
}
