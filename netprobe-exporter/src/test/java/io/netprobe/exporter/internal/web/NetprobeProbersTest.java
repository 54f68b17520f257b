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
      byte[] sent = x.getRequestBody().readAllBytes();
      String auth = x.getRequestHeaders().getFirst("Authorization");
      boolean wantsAuth = x.getRequestURI().getPath().startsWith("/private");
      byte[] body = (x.getRequestMethod() + " ok " + new String(sent, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
      // "alice:s3cret"
      int status = wantsAuth && !"Basic YWxpY2U6czNjcmV0".equals(auth) ? 401 : 200;
      x.sendResponseHeaders(status, body.length);
      x.getResponseBody().write(body);
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
          mtr3:
            prober: mtr
            timeout: 5s
            mtr:
              cycles: 3
              interval: 50ms
              max_hops: 4
          trace:
            prober: traceroute
            timeout: 5s
            traceroute:
              max_hops: 3
          trace_tcp:
            prober: traceroute
            timeout: 5s
            traceroute:
              max_hops: 3
              protocol: tcp
              port: 9
          mtr_icmp:
            prober: mtr
            timeout: 5s
            mtr:
              cycles: 2
              interval: 50ms
              max_hops: 4
              protocol: icmp
          why:
            prober: diagnose
            timeout: 8s
          post:
            prober: http
            timeout: 5s
            http:
              method: POST
              body: '{"q":1}'
              fail_if_body_not_matches_regexp: ['^POST ok \\{"q":1\\}$']
          body_fails:
            prober: http
            timeout: 5s
            http:
              fail_if_body_matches_regexp: [ok]
          private:
            prober: http
            timeout: 5s
            http:
              basic_auth: {username: alice, password: s3cret}
          private_wrong:
            prober: http
            timeout: 5s
            http:
              basic_auth: {username: alice, password: wrong-pw}
              valid_status_codes: [401]
          proxied:
            prober: http
            timeout: 2s
            http:
              proxy_url: http://proxyuser:px-pass-9@127.0.0.1:1
              authorization: {credentials: tok-secret-7}
          bearer:
            prober: http
            timeout: 5s
            http:
              bearer_token: tok-secret-8
          brotli:
            prober: http
            timeout: 5s
            http:
              compression: br
              enable_http2: false
              enable_http3: true
              tls_config: {min_version: TLS12}
          grpc:
            prober: grpc
            timeout: 5s
            grpc:
              preferred_ip_protocol: ip4
          grpc_default:
            prober: grpc
            timeout: 5s
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
    return probe(module, target, exporter);
  }

  static String probe(String module, String target, Exporter exporter) throws Exception {
    return ExporterServerTest.call("GET", exporter.uri().resolve("/probe?module=" + module + "&target="
        + URLEncoder.encode(target, StandardCharsets.UTF_8))).body();
  }

  static String debug(String module, String target) throws Exception {
    return debug(module, target, exporter);
  }

  static String debug(String module, String target, Exporter exporter) throws Exception {
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
    int free;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      free = s.getLocalPort();
    }
    assertThat(probe("listening", String.valueOf(free))).contains("probe_success 0\n",
        "probe_failure_info{kind=\"NOT_LISTENING\"} 1\n");
  }

  @Test
  void mtrToLoopbackReportsEveryCycleOfTheOneHop() throws Exception {
    String m = probe("mtr3", "127.0.0.1");
    assertThat(m).contains("probe_success 1\n", "probe_mtr_cycles 3\n", "probe_mtr_hops 1\n",
        "probe_mtr_destination_reached 1\n", "probe_mtr_hop_sent{address=\"127.0.0.1\",ttl=\"1\"} 3\n",
        "probe_mtr_hop_loss_ratio{address=\"127.0.0.1\",ttl=\"1\"} 0\n",
        "probe_mtr_hop_rtt_seconds{address=\"127.0.0.1\",stat=\"best\",ttl=\"1\"} ",
        "probe_mtr_hop_rtt_seconds{address=\"127.0.0.1\",stat=\"stdev\",ttl=\"1\"} ");
  }

  @Test
  void tracerouteToLoopbackReachesItInOneHop() throws Exception {
    String m = probe("trace", "127.0.0.1");
    org.junit.jupiter.api.Assumptions.assumeFalse(m.contains("PERMISSION_DENIED"), "ICMP is not permitted here");
    assertThat(m).contains("probe_success 1\n", "probe_traceroute_destination_reached 1\n",
        "probe_traceroute_total_hops 1\n");
  }

  @Test
  void tracerouteAndMtrTakeTheProbeProtocolAndPort() throws Exception {
    // TCP SYNs to a closed port: the target's RST ends the trace (raw sockets: root or CAP_NET_RAW)
    String tcp = probe("trace_tcp", "127.0.0.1");
    org.junit.jupiter.api.Assumptions.assumeFalse(tcp.contains("PERMISSION_DENIED"), "no CAP_NET_RAW here");
    assertThat(tcp).contains("probe_success 1\n", "probe_traceroute_destination_reached 1\n");
    assertThat(probe("mtr_icmp", "127.0.0.1")).contains("probe_success 1\n", "probe_mtr_cycles 2\n",
        "probe_mtr_destination_reached 1\n");
  }

  @Test
  void diagnosisVerdictBecomesMetrics() throws Exception {
    String m = probe("why", "http://127.0.0.1:" + site.getAddress().getPort() + "/");
    assertThat(m).contains("probe_diagnosis_info{category=\"OK\",finding=", "probe_success 1\n",
        "probe_diagnosis_layer_status{layer=\"http\"} 1\n");
  }

  @Test
  void postWithABodyAndBodyRegexesAsBlackbox() throws Exception {
    String target = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    assertThat(probe("post", target)).contains("probe_success 1\n", "probe_failed_due_to_regex 0\n",
        "probe_http_uncompressed_body_length 15\n");
    assertThat(probe("body_fails", target)).contains("probe_success 0\n", "probe_failed_due_to_regex 1\n",
        "probe_failure_info{kind=\"FAILED_DUE_TO_REGEX\"} 1\n", "probe_http_status_code 200\n");
  }

  @Test
  void basicAuthIsSentAndNeverShown() throws Exception {
    String target = "http://127.0.0.1:" + site.getAddress().getPort() + "/private";
    assertThat(probe("private", target)).contains("probe_success 1\n", "probe_http_status_code 200\n");
    assertThat(probe("private_wrong", target)).contains("probe_success 1\n", "probe_http_status_code 401\n");
    assertThat(debug("private", target) + debug("private_wrong", target)
        + ExporterServerTest.call("GET", exporter.uri().resolve("/config")).body())
        .doesNotContain("s3cret", "wrong-pw", "YWxpY2U6czNjcmV0");
  }

  @Test
  void proxyPasswordsAndBearerTokensStayOutOfPagesAndLogs() throws Exception {
    String target = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    // the proxy port is closed: the probe fails, and its failure names the proxy without its password
    assertThat(probe("proxied", target)).contains("probe_success 0\n");
    assertThat(probe("bearer", target)).contains("probe_success 1\n");
    String pages = debug("proxied", target) + debug("bearer", target)
        + ExporterServerTest.call("GET", exporter.uri().resolve("/config")).body()
        + ExporterServerTest.call("GET", exporter.uri().resolve("/")).body();
    assertThat(pages).contains("proxied", "bearer", "127.0.0.1:1").doesNotContain("px-pass-9", "tok-secret-7",
        "tok-secret-8");
  }

  @Test
  void grpcWithoutAServerIsUnavailable() throws Exception {
    assertThat(probe("grpc", "127.0.0.1:1")).contains("probe_success 0\n", "probe_grpc_status_code 14\n",
        "probe_grpc_ssl 0\n", "probe_grpc_healthcheck_response{serving_status=\"SERVING\"} 0\n",
        "probe_failure_info{kind=\"CONNECTION_REFUSED\"} 1\n");
    // 0.23's grpc prober alone has no fallback to the other family: an IPv4 target fails to resolve over ip6
    assertThat(probe("grpc_default", "127.0.0.1:1")).contains("probe_success 0\n", "probe_ip_protocol 0\n",
        "probe_failure_info{kind=\"NAME_NOT_FOUND\"} 1\n");
  }

  @Test
  void enableHttp3TurnsAnHttpTargetIntoHttpsAndProbesOverQuic() throws Exception {
    // the site listens on TCP only: over HTTP/3 the same port on UDP answers ICMP port unreachable
    String target = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    assertThat(probe("brotli", target)).contains("probe_success 0\n",
        "probe_failure_info{kind=\"CONNECTION_REFUSED\"} 1\n").doesNotContain("UNSUPPORTED_OPTION");
    String log = debug("brotli", target).split("Metrics that would have been returned")[0];
    assertThat(log).contains("level=warn msg=\"Converting HTTP to HTTPS for HTTP/3 compatibility original_target="
        + target + " converted_target=https://127.0.0.1:" + site.getAddress().getPort() + "/\"");
    assertThat(log).doesNotContain("option=", "not honoured");
  }
}
