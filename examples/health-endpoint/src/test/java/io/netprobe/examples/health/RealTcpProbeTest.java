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

/**
 * The embedded netprobe-exporter's {@code /probe} (the bundled blackbox.yml) beside {@code /health}, with the real
 * backends against loopback listeners of this test.
 */
class RealTcpProbeTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void embeddedExporterProbesAndHealthChecksAgainstALoopbackListener() throws Exception {
    int refusedPort;
    try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      refusedPort = closed.getLocalPort();
    }
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int open = listener.getLocalPort();
      EndpointConfig config = EndpointConfig.parse(Map.of("server.port", "0", "exporter.listen-address",
          "127.0.0.1:0", "exporter.allowed-targets", "127.0.0.1", "check.db.probe", "tcp", "check.db.target",
          "127.0.0.1:" + open), Probes.defaultClient());
      try (HealthEndpointServer server = HealthEndpointServer.start(config, Probes.defaultClient())) {
        URI exporter = server.exporter().uri();
        PrometheusTextParser.Exposition up = PrometheusTextParser.parse(get(exporter.resolve(
            "/probe?module=tcp_connect&target=127.0.0.1:" + open)).body());
        assertThat(up.value("probe_success")).contains(1.0);
        assertThat(up.value("probe_ip_protocol")).contains(4.0);

        PrometheusTextParser.Exposition down = PrometheusTextParser.parse(get(exporter.resolve(
            "/probe?module=tcp_connect&target=127.0.0.1:" + refusedPort)).body());
        assertThat(down.value("probe_success")).contains(0.0);
        assertThat(down.value("probe_failure_info", "kind", "CONNECTION_REFUSED")).contains(1.0);

        // the allow-list keeps the embedded exporter from probing for anyone: localhost is not 127.0.0.1
        assertThat(get(exporter.resolve("/probe?module=tcp_connect&target=localhost:" + open)).statusCode())
            .isEqualTo(403);

        long end = System.nanoTime() + 10_000_000_000L;
        while (server.monitor().snapshot().checks().get(0).last().isEmpty() && System.nanoTime() < end) {
          Thread.sleep(10);
        }
        HttpResponse<String> health = get(URI.create("http://127.0.0.1:" + server.port() + "/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"backend\":\"nio\"");
      }
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
