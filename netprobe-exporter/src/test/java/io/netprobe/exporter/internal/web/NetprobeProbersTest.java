package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * netprobe's own probers and the unsupported-option failure, through {@code /probe}, against a small HTTP server of
 * this test on loopback and loopback ICMP.
 */
class NetprobeProbersTest {
  @TempDir
  static Path dir;
  static HttpServer site;
  static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    site.createContext("/", x -> {
      x.sendResponseHeaders(200, 2);
      x.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
      x.close();
    });
    site.start();
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          ping3:
            prober: ping
            timeout: 5s
            ping:
              count: 3
              interval: 20ms
          listening:
            prober: sockets
            timeout: 5s
          trace:
            prober: traceroute
            timeout: 5s
            traceroute:
              max_hops: 3
          why:
            prober: diagnose
            timeout: 8s
          post:
            prober: http
            timeout: 5s
            http:
              method: POST
              body: '{}'
              fail_if_body_not_matches_regexp: [ok]
          grpc:
            prober: grpc
        """);
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config, "--web.listen-address=127.0.0.1:0",
        "--log.level=error");
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
    }
    if (site != null) {
      site.stop(0);
    }
  }

  static String probe(String module, String target) throws Exception {
    return ExporterServerTest.call("GET", exporter.uri().resolve("/probe?module=" + module + "&target="
        + URLEncoder.encode(target, StandardCharsets.UTF_8))).body();
  }

  static String debug(String module, String target) throws Exception {
    return ExporterServerTest.call("GET", exporter.uri().resolve("/probe?debug=true&module=" + module + "&target="
        + URLEncoder.encode(target, StandardCharsets.UTF_8))).body();
  }

  @Test
  void multiEchoPingReportsLossAndRoundTrips() throws Exception {
    String m = probe("ping3", "127.0.0.1");
    org.junit.jupiter.api.Assumptions.assumeFalse(m.contains("PERMISSION_DENIED"), "ICMP is not permitted here");
    assertThat(m).contains("probe_success 1\n", "probe_icmp_packets_sent 3\n", "probe_icmp_packets_received 3\n",
        "probe_icmp_packet_loss_ratio 0\n", "probe_icmp_rtt_jitter_seconds ");
  }

  @Test
  void socketsProberFindsTheListenerOfThisTest() throws Exception {
    int port = site.getAddress().getPort();
    String m = probe("listening", "127.0.0.1:" + port);
    assertThat(m).contains("probe_success 1\n", "probe_sockets_listening 1\n",
        "probe_socket_info{address=\"127.0.0.1\"");
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int free = s.getLocalPort();
      s.close();
      assertThat(probe("listening", String.valueOf(free))).contains("probe_success 0\n",
          "probe_failure_info{kind=\"NOT_LISTENING\"} 1\n");
    }
  }

  @Test
  void tracerouteToLoopbackReachesItInOneHop() throws Exception {
    String m = probe("trace", "127.0.0.1");
    org.junit.jupiter.api.Assumptions.assumeFalse(m.contains("PERMISSION_DENIED"), "ICMP is not permitted here");
    assertThat(m).contains("probe_success 1\n", "probe_traceroute_destination_reached 1\n",
        "probe_traceroute_total_hops 1\n");
  }

  @Test
  void diagnosisVerdictBecomesMetrics() throws Exception {
    String m = probe("why", "http://127.0.0.1:" + site.getAddress().getPort() + "/");
    assertThat(m).contains("probe_diagnosis_info{category=\"OK\",finding=", "probe_success 1\n",
        "probe_diagnosis_layer_status{layer=\"http\"} 1\n");
  }

  @Test
  void optionsNotHonouredYetFailTheProbeAndAreNamedInTheLog() throws Exception {
    String target = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    assertThat(probe("post", target)).contains("probe_success 0\n",
        "probe_failure_info{kind=\"UNSUPPORTED_OPTION\"} 1\n");
    assertThat(debug("post", target)).contains("option=http.method (POST", "option=http.body / http.body_file",
        "option=http.fail_if_body_(not_)matches_regexp");
    assertThat(debug("grpc", "127.0.0.1:1")).contains("option=prober: grpc");
  }
}
