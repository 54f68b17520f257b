package io.netprobe.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.jackson.NetprobeJson;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HealthJsonTest {
  private final FakeTcpConnectBackend tcp = new FakeTcpConnectBackend()
      .open("db.test", 5432).delay("db.test", 5432, Duration.ofMillis(3))
      .fail("cache.test", 6379, FailureKind.CONNECTION_REFUSED);
  private final ProbeClient probes = Probes.builder().backend(tcp).build();

  @Test
  void healthResultIsPlainJsonWithTheFailureKind() throws Exception {
    HealthResult r = HealthCheck.of("cache", probes.tcp("cache.test", 6379), HealthRules.succeeds()).run();
    JsonNode json = NetprobeJson.mapper().readTree(NetprobeJson.toJson(r));

    assertThat(json.get("check").asText()).isEqualTo("cache");
    assertThat(json.get("status").asText()).isEqualTo("DOWN");
    assertThat(json.get("failureKind").asText()).isEqualTo("CONNECTION_REFUSED");
    assertThat(json.at("/details/target").asText()).isEqualTo("cache.test:6379");
    assertThat(json.get("checkedAt").asText()).matches("\\d{4}-.*Z");
    assertThat(json.get("duration").isNumber()).isTrue();
  }

  @Test
  void snapshotHasAgesAsSecondsAndLeavesOutAbsentResults() throws Exception {
    tcp.silent("slow.test", 1);
    try (HealthMonitor monitor = HealthMonitor.builder()
        .add(HealthCheck.of("db", probes.tcp("db.test", 5432), HealthRules.succeeds()))
        .add(HealthCheck.of("slow", probes.tcp("slow.test", 1).timeout(Duration.ofSeconds(5)), HealthRules.succeeds()))
        .build().start()) {
      long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while ((monitor.state("db").orElseThrow().last().isEmpty() || !monitor.state("slow").orElseThrow().running())
          && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      HealthSnapshot s = monitor.snapshot();
      JsonNode json = NetprobeJson.mapper().readTree(NetprobeJson.toJson(s));

      assertThat(json.get("status").asText()).isEqualTo("UNKNOWN");
      assertThat(json.at("/checks/0/name").asText()).isEqualTo("db");
      assertThat(json.at("/checks/0/last/details/connectTimeMs").asDouble()).isEqualTo(3.0);
      assertThat(json.at("/checks/0/age").isNumber()).isTrue();
      assertThat(json.at("/checks/1/status").asText()).isEqualTo("UNKNOWN");
      assertThat(json.at("/checks/1").has("last")).isFalse();
      assertThat(json.at("/checks/1/running").asBoolean()).isTrue();
    }
  }
}
