package io.netprobe.spring.autoconfigure;

import io.netprobe.health.CheckState;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the health contributor of either Spring Boot line shows for one check, read from the monitor's last result
 * (never waiting on the network): the Actuator status code and the details. UP, DOWN and UNKNOWN keep their codes;
 * DEGRADED (works, needs attention) becomes {@code netprobe.health.degraded-status} — {@code UP} by default, with
 * {@code "degraded": true} in the details — since Actuator's default status order does not know DEGRADED.
 *
 * <p>Immutable and thread-safe.
 */
public final class NetprobeHealth {
  private final HealthMonitor monitor;
  private final String degradedStatus;

  public NetprobeHealth(HealthMonitor monitor, String degradedStatus) {
    this.monitor = monitor;
    this.degradedStatus = degradedStatus;
  }

  /** The status code and details of {@code check}; an unknown name is UNKNOWN. */
  public Snapshot of(String check) {
    return monitor.state(check).map(this::of)
        .orElseGet(() -> new Snapshot("UNKNOWN", Map.of("reason", "no such check")));
  }

  private Snapshot of(CheckState state) {
    Map<String, Object> details = new LinkedHashMap<>(state.details());
    String code = state.status().name();
    if (state.status() == HealthStatus.DEGRADED) {
      details.put("degraded", true);
      code = degradedStatus;
    }
    return new Snapshot(code, details);
  }

  /** A status code and JSON-ready details. */
  public record Snapshot(String status, Map<String, Object> details) {}
}
