package io.netprobe.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.netprobe.health.CheckState;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthStatus;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The checks of a {@link HealthMonitor} as meters, read from the monitor's last results when the registry is
 * scraped (never waiting on the network):
 *
 * <ul>
 *   <li>{@code netprobe.check.status{check, status}}: 1 for the check's current status, 0 for the others (every
 *       status of {@link HealthStatus} is registered, so a missing status reads 0, as the Prometheus convention for
 *       enum states wants);
 *   <li>{@code netprobe.check.age{check}}: seconds since the last result came; NaN before the first one;
 *   <li>{@code netprobe.check.duration{check}}: seconds the last probe took; NaN before the first one.
 * </ul>
 *
 * <p>Tag values are check names (1–64 characters, fixed when the monitor is built) and the four statuses: bounded.
 * Thread-safe.
 */
public final class HealthMonitorMetrics implements MeterBinder {
  private final HealthMonitor monitor;

  public HealthMonitorMetrics(HealthMonitor monitor) {
    this.monitor = Objects.requireNonNull(monitor, "monitor");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String check : monitor.checkNames()) {
      for (HealthStatus status : HealthStatus.values()) {
        Gauge.builder("netprobe.check.status", monitor, m -> is(m, check, status))
            .description("1 when the netprobe check has this status, else 0")
            .tag("check", check)
            .tag("status", status.name().toLowerCase(Locale.ROOT))
            .strongReference(true)
            .register(registry);
      }
      TimeGauge.builder("netprobe.check.age", monitor, TimeUnit.MILLISECONDS, m -> ageMillis(m, check))
          .description("How long ago the netprobe check's last result came")
          .tag("check", check)
          .strongReference(true)
          .register(registry);
      TimeGauge.builder("netprobe.check.duration", monitor, TimeUnit.MILLISECONDS, m -> durationMillis(m, check))
          .description("How long the netprobe check's last probe took")
          .tag("check", check)
          .strongReference(true)
          .register(registry);
    }
  }

  private static double is(HealthMonitor m, String check, HealthStatus status) {
    return m.state(check).map(CheckState::status).filter(status::equals).isPresent() ? 1 : 0;
  }

  private static double ageMillis(HealthMonitor m, String check) {
    return m.state(check).flatMap(CheckState::age).map(a -> (double) a.toMillis()).orElse(Double.NaN);
  }

  private static double durationMillis(HealthMonitor m, String check) {
    return m.state(check).flatMap(CheckState::last).map(r -> (double) r.duration().toMillis()).orElse(Double.NaN);
  }
}
