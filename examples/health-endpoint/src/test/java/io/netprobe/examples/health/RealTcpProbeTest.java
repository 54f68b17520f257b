package io.netprobe.examples.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /probe} and {@code /health} with the real TCP connect backend against a loopback listener. */
class RealTcpProbeTest {
  @Test
  void tcpConnectModuleAndCheckAgainstALoopbackListener() throws Exception {
    int refusedPort;
    try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      refusedPort = closed.getLocalPort();
    }
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int open = listener.getLocalPort();
      EndpointConfig config = EndpointConfig.parse(Map.of("server.port", "0", "probe.allowed-targets", "127.0.0.1",
          "check.db.probe", "tcp", "check.db.target", "127.0.0.1:" + open), Probes.defaultClient());
      try (HealthEndpointServer server = HealthEndpointServer.start(config, Probes.defaultClient())) {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + server.port();

        PrometheusTextParser.Exposition up = PrometheusTextParser.parse(http.send(HttpRequest.newBuilder(
            URI.create(base + "/probe?module=tcp_connect&target=127.0.0.1:" + open)).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        assertThat(up.value("probe_success")).contains(1.0);
        assertThat(up.value("probe_ip_protocol")).contains(4.0);
        assertThat(up.value("probe_tcp_connect_duration_seconds").orElseThrow()).isBetween(0.0, 1.0);

        PrometheusTextParser.Exposition down = PrometheusTextParser.parse(http.send(HttpRequest.newBuilder(
            URI.create(base + "/probe?module=tcp_connect&target=127.0.0.1:" + refusedPort)).build(),
            HttpResponse.BodyHandlers.ofString()).body());
        assertThat(down.value("probe_success")).contains(0.0);
        assertThat(down.value("probe_failure_info", "kind", "CONNECTION_REFUSED")).contains(1.0);

        long end = System.nanoTime() + 10_000_000_000L;
        while (server.monitor().snapshot().checks().get(0).last().isEmpty() && System.nanoTime() < end) {
          Thread.sleep(10);
        }
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"backend\":\"nio\"");
      }
    }
  }
}
