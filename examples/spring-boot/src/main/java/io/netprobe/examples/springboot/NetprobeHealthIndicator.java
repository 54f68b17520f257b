package io.netprobe.examples.springboot;

import io.netprobe.health.CheckState;
import io.netprobe.health.HealthMonitor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * One netprobe check as an Actuator {@link HealthIndicator}. It reads the {@link HealthMonitor}'s last result, so
 * Actuator — which computes health synchronously on every request — never waits on the network. Statuses map to
 * Actuator's: UP, DOWN and UNKNOWN as they are, DEGRADED as the custom status {@link #DEGRADED}.
 *
 * <p>Thread-safe.
 */
public final class NetprobeHealthIndicator implements HealthIndicator {
  /** Actuator's status for a check that works but needs attention; give it a place in the status order. */
  public static final Status DEGRADED = new Status("DEGRADED");

  private final HealthMonitor monitor;
  private final String check;

  public NetprobeHealthIndicator(HealthMonitor monitor, String check) {
    if (!monitor.checkNames().contains(check)) {
      throw new IllegalArgumentException("the monitor has no check named \"" + check + "\"; it has "
          + monitor.checkNames());
    }
    this.monitor = monitor;
    this.check = check;
  }

  @Override
  public Health health() {
    CheckState state = monitor.state(check).orElseThrow();
    return Health.status(switch (state.status()) {
      case UP -> Status.UP;
      case DEGRADED -> DEGRADED;
      case DOWN -> Status.DOWN;
      case UNKNOWN -> Status.UNKNOWN;
    }).withDetails(state.details()).build();
  }
}
