package io.netprobe.examples.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.spi.PingBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A {@code /probe?module=icmp} scrape of 127.0.0.1 through the real ping backend: five echoes, loss and RTT
 * statistics. Skipped with a reason while no {@link PingBackend} is on the class path.
 */
class LoopbackIcmpProbeIT {
  @Test
  void multiPacketPingOfLoopbackGivesLossAndRttStatistics() throws Exception {
    boolean present = ServiceLoader.load(PingBackend.class).findFirst().isPresent();
    if (!present) {
      System.out.println("LoopbackIcmpProbeIT skipped: no PingBackend on the class path yet");
    }
    Assumptions.assumeTrue(present, "no PingBackend on the class path yet");
    EndpointConfig config = EndpointConfig.parse(Map.of("server.port", "0", "probe.allowed-targets", "127.0.0.1",
        "module.icmp.prober", "icmp", "module.icmp.count", "5", "module.icmp.interval", "50ms"),
        Probes.defaultClient());
    try (HealthEndpointServer server = HealthEndpointServer.start(config, Probes.defaultClient())) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.port() + "/probe?module=icmp&target=127.0.0.1"))
          .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
      PrometheusTextParser.Exposition m = PrometheusTextParser.parse(r.body());

      assertThat(m.value("probe_success")).as(r.body()).contains(1.0);
      assertThat(m.value("probe_icmp_packets_sent")).contains(5.0);
      assertThat(m.value("probe_icmp_packets_received")).contains(5.0);
      assertThat(m.value("probe_icmp_packet_loss_ratio")).contains(0.0);
      double min = m.value("probe_icmp_rtt_min_seconds").orElseThrow();
      double avg = m.value("probe_icmp_rtt_avg_seconds").orElseThrow();
      double max = m.value("probe_icmp_rtt_max_seconds").orElseThrow();
      assertThat(min).isPositive().isLessThanOrEqualTo(avg);
      assertThat(avg).isLessThanOrEqualTo(max);
      assertThat(max).isLessThan(0.5);
      assertThat(m.value("probe_icmp_rtt_mdev_seconds").orElseThrow()).isBetween(0.0, max - min + 1e-9);
      assertThat(m.value("probe_icmp_duration_seconds", "phase", "rtt")).contains(avg);
      assertThat(m.value("probe_ip_protocol")).contains(4.0);
    }
  }
}
