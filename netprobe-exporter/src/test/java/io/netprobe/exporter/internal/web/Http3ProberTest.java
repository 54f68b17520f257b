package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import io.netprobe.testing.Http3TestServer;
import io.netprobe.testing.site.LocalCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code enable_http3} (blackbox 0.28, so not in BlackboxParityIT against 0.23): http modules probing a Netty HTTP/3
 * server in this JVM on a loopback UDP port, with blackbox's metrics.
 */
class Http3ProberTest {
  @TempDir
  static Path dir;
  static Http3TestServer server;
  static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    Optional<String> unavailable = Http3TestServer.unavailableReason();
    if (unavailable.isPresent()) {
      System.out.println("Http3ProberTest skipped: Netty's native QUIC library does not load here: "
          + unavailable.get());
    }
    assumeThat(unavailable).isEmpty();
    LocalCertificate cert = new LocalCertificate("127.0.0.1");
    server = Http3TestServer.start(cert);
    server.respond("/", 200, "hello over h3\n", Map.of("content-type", "text/plain"))
        .respond("/old", 302, "", Map.of("location", "/"))
        .respond("/down", 503, "down\n", Map.of());
    Path ca = Files.writeString(dir.resolve("ca.pem"), cert.pem());
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          h3:
            prober: http
            timeout: 5s
            http:
              preferred_ip_protocol: ip4
              enable_http2: false
              enable_http3: true
              valid_http_versions: [HTTP/3.0]
              fail_if_body_not_matches_regexp: ["hello over h3"]
              tls_config: {ca_file: "%1$s"}
          h3_insecure:
            prober: http
            timeout: 5s
            http:
              preferred_ip_protocol: ip4
              enable_http2: false
              enable_http3: true
              tls_config: {insecure_skip_verify: true}
          h3_strict:
            prober: http
            timeout: 5s
            http:
              preferred_ip_protocol: ip4
              enable_http2: false
              enable_http3: true
        """.formatted(ca));
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config, "--web.listen-address=127.0.0.1:0",
        "--log.level=error");
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
      server.close();
    }
  }

  @Test
  void aModuleWithEnableHttp3ProbesOverQuicWithBlackboxsMetrics() throws Exception {
    String out = NetprobeProbersTest.probe("h3", "https://127.0.0.1:" + server.port() + "/", exporter);
    assertThat(out).contains("probe_success 1\n", "probe_http_status_code 200\n", "probe_http_version 3\n",
        "probe_http_ssl 1\n", "probe_http_content_length 14\n", "probe_http_uncompressed_body_length 14\n",
        "probe_http_redirects 0\n", "probe_tls_version_info{version=\"TLS 1.3\"} 1\n",
        "probe_failed_due_to_regex 0\n", "probe_ssl_last_chain_expiry_timestamp_seconds ");
    assertThat(out).containsPattern("probe_tls_cipher_info\\{cipher=\"TLS_[A-Z0-9_]+\"\\} 1\n");
    assertThat(out).containsPattern("probe_ssl_earliest_cert_expiry [0-9.e+]+\n");
    // QUIC's one handshake is the connect phase, as curl's time_connect; nothing is left for a separate tls phase
    assertThat(seconds(out, "probe_http_duration_seconds\\{phase=\"connect\"\\}")).isPositive();
    assertThat(seconds(out, "probe_http_duration_seconds\\{phase=\"tls\"\\}")).isZero();
    assertThat(seconds(out, "probe_http_duration_seconds\\{phase=\"processing\"\\}")).isPositive();
    assertThat(server.requests()).anySatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
  }

  @Test
  void anHttpTargetIsProbedAsHttpsAndRedirectsAreFollowed() throws Exception {
    String out = NetprobeProbersTest.probe("h3", "http://127.0.0.1:" + server.port() + "/old", exporter);
    assertThat(out).contains("probe_success 1\n", "probe_http_status_code 200\n", "probe_http_redirects 1\n",
        "probe_http_version 3\n");
  }

  @Test
  void statusAndCertificateFailuresAreTheUsualOnes() throws Exception {
    assertThat(NetprobeProbersTest.probe("h3_insecure", "https://127.0.0.1:" + server.port() + "/down", exporter))
        .contains("probe_success 0\n", "probe_http_status_code 503\n", "probe_http_version 3\n");
    assertThat(NetprobeProbersTest.probe("h3_strict", "https://127.0.0.1:" + server.port() + "/", exporter))
        .contains("probe_success 0\n", "probe_http_status_code 0\n", "probe_http_version 0\n",
            "probe_failure_info{kind=\"TLS_UNTRUSTED\"} 1\n");
  }

  private static double seconds(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.e+-]+)$").matcher(metrics);
    assertThat(m.find()).as(series + " in\n" + metrics).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
