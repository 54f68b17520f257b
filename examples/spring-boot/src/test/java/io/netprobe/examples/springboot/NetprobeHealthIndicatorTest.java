package io.netprobe.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthRules;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The status mapping, without a Spring context. */
class NetprobeHealthIndicatorTest {
  private final FakeTcpConnectBackend tcp = new FakeTcpConnectBackend();
  private final ProbeClient client = Probes.builder().backend(tcp).build();

  @Test
  void degradedBecomesTheCustomStatusWithTheReasonAndDetails() throws InterruptedException {
    tcp.open("slow.test", 5432, Duration.ofMillis(80));
    try (HealthMonitor monitor = HealthMonitor.builder().add(HealthCheck.of("db", client.tcp("slow.test", 5432),
        HealthRules.fasterThan(Duration.ofMillis(20)))).build().start()) {
      NetprobeHealthIndicator indicator = new NetprobeHealthIndicator(monitor, "db");
      long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (monitor.state("db").orElseThrow().last().isEmpty() && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      Health h = indicator.health();
      assertThat(h.getStatus()).isEqualTo(NetprobeHealthIndicator.DEGRADED);
      assertThat(h.getDetails()).containsEntry("target", "slow.test:5432").containsKey("ageMs")
          .containsEntry("running", false);
      assertThat((String) h.getDetails().get("reason")).startsWith("took ");
    }
  }

  @Test
  void unknownWithoutDetailsBeforeTheFirstResult() {
    tcp.silent("db.test", 5432);
    try (HealthMonitor monitor = HealthMonitor.builder().add(HealthCheck.of("db",
        client.tcp("db.test", 5432).timeout(Duration.ofSeconds(10)), HealthRules.succeeds())).build().start()) {
      Health h = new NetprobeHealthIndicator(monitor, "db").health();
      assertThat(h.getStatus()).isEqualTo(Status.UNKNOWN);
      assertThat(h.getDetails()).containsEntry("reason", "no result yet");
    }
  }

  @Test
  void anUnknownCheckNameIsRejected() {
    try (HealthMonitor monitor = HealthMonitor.builder().build()) {
      assertThatThrownBy(() -> new NetprobeHealthIndicator(monitor, "db")).hasMessageContaining("no check named");
    }
  }
}
