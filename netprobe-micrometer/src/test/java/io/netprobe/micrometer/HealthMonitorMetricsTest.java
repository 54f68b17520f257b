package io.netprobe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthRules;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HealthMonitorMetricsTest {
  private final ProbeClient client = Probes.builder()
      .backend(new FakeTcpConnectBackend().open("10.0.0.5", 5432).delay("10.0.0.5", 5432, Duration.ofMillis(7))
          .fail("10.0.0.6", 5432, FailureKind.CONNECTION_REFUSED))
      .build();

  @Test
  void statusPerCheckAndAgeOfTheLastResult() throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (HealthMonitor monitor = HealthMonitor.builder()
        .add(HealthCheck.of("db", client.tcp("10.0.0.5", 5432), HealthRules.succeeds()))
        .add(HealthCheck.of("replica", client.tcp("10.0.0.6", 5432), HealthRules.succeeds()))
        .build()) {
      new HealthMonitorMetrics(monitor).bindTo(meters);
      assertThat(status(meters, "db", "unknown")).isEqualTo(1);
      assertThat(meters.get("netprobe.check.age").tag("check", "db").timeGauge().value()).isNaN();

      monitor.start();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while ((status(meters, "db", "unknown") == 1 || status(meters, "replica", "unknown") == 1)
          && System.nanoTime() < end) {
        Thread.sleep(10);
      }

      assertThat(status(meters, "db", "up")).isEqualTo(1);
      assertThat(status(meters, "db", "down")).isZero();
      assertThat(status(meters, "replica", "down")).isEqualTo(1);
      assertThat(status(meters, "replica", "up")).isZero();
      assertThat(meters.get("netprobe.check.status").gauges()).hasSize(8);
      assertThat(meters.get("netprobe.check.age").tag("check", "db").timeGauge().value(TimeUnit.SECONDS))
          .isBetween(0.0, 5.0);
      assertThat(meters.get("netprobe.check.duration").tag("check", "db").timeGauge().value(TimeUnit.MILLISECONDS))
          .isGreaterThanOrEqualTo(7.0);
    }
  }

  private static double status(SimpleMeterRegistry meters, String check, String status) {
    return meters.get("netprobe.check.status").tags("check", check, "status", status).gauge().value();
  }
}
