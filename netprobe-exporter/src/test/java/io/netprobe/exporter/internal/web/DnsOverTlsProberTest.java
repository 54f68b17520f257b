package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import io.netprobe.testing.LocalUnbound;
import io.netprobe.testing.MutualTlsDnsServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * blackbox's {@code dns_over_tls} and {@code source_ip_address} on the dns prober, against a real unbound serving
 * DNS over TLS on loopback with a certificate made by the test; {@code tls_config} client certificates (files and
 * inline PEM) against {@link MutualTlsDnsServer}, which requires one (unbound cannot), and TLS version bounds.
 */
class DnsOverTlsProberTest {
  @TempDir
  static Path dir;
  static LocalUnbound unbound;
  static MutualTlsDnsServer mutual;
  static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(LocalUnbound.installed(), "unbound and openssl are not installed");
    unbound = LocalUnbound.start();
    mutual = MutualTlsDnsServer.start(dir);
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          dot:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              query_type: A
              dns_over_tls: true
              tls_config: {ca_file: %1$s, server_name: dns.test}
              valid_rcodes: [NOERROR]
          dot_wrong_ca:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              dns_over_tls: true
              tls_config: {ca_file: %2$s, server_name: dns.test}
          dot_insecure:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              dns_over_tls: true
              tls_config: {ca_file: %2$s, insecure_skip_verify: true}
          from_127_0_0_2:
            prober: dns
            timeout: 5s
            dns:
              query_name: mail.example.test
              query_type: MX
              source_ip_address: 127.0.0.2
          dot_tls12:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              dns_over_tls: true
              tls_config: {ca_file: %1$s, server_name: dns.test, min_version: TLS12, max_version: TLS12}
          dot_inverted:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              dns_over_tls: true
              tls_config: {ca_file: %1$s, server_name: dns.test, min_version: TLS13, max_version: TLS12}
          dot_mutual:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              query_type: A
              dns_over_tls: true
              tls_config: {ca_file: %3$s, server_name: dot.test, cert_file: %4$s, key_file: %5$s}
          dot_mutual_inline:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              query_type: A
              dns_over_tls: true
              tls_config:
                ca_file: %3$s
                server_name: dot.test
                cert: |
        %6$s
                key: |
        %7$s
          dot_mutual_without:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              query_type: A
              dns_over_tls: true
              tls_config: {ca_file: %3$s, server_name: dot.test}
        """.formatted(unbound.cert, unbound.otherCert, mutual.ca, mutual.clientCert, mutual.clientKey,
        Files.readString(mutual.clientCert).indent(10).stripTrailing(),
        Files.readString(mutual.clientKey).indent(10).stripTrailing()));
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config, "--web.listen-address=127.0.0.1:0",
        "--log.level=error");
  }

  @AfterAll
  static void stop() throws Exception {
    if (exporter != null) {
      exporter.close();
    }
    if (unbound != null) {
      unbound.close();
    }
    if (mutual != null) {
      mutual.close();
    }
  }

  static String probe(String module, String target) throws Exception {
    return ExporterServerTest.call("GET", exporter.uri().resolve("/probe?module=" + module + "&target="
        + URLEncoder.encode(target, StandardCharsets.UTF_8))).body();
  }

  @Test
  void dnsOverTlsAnswersWithTheServersRecords() throws Exception {
    String out = probe("dot", "127.0.0.1:" + unbound.tlsPort);
    assertThat(out).contains("probe_success 1\n", "probe_dns_answer_rrs 2\n");
  }

  @Test
  void anUntrustedCertificateFailsTheProbeWithATypedKindAndInsecureSkipVerifyAcceptsIt() throws Exception {
    String target = "127.0.0.1:" + unbound.tlsPort;
    assertThat(probe("dot_wrong_ca", target)).contains("probe_success 0\n",
        "probe_failure_info{kind=\"TLS_UNTRUSTED\"} 1\n");
    assertThat(probe("dot_insecure", target)).contains("probe_success 1\n");
  }

  @Test
  void theSourceAddressIsTheOneTheServerSees() throws Exception {
    String out = probe("from_127_0_0_2", "127.0.0.1:" + unbound.plainPort);
    assertThat(out).contains("probe_success 1\n");
    long until = System.nanoTime() + 3_000_000_000L;
    while (!unbound.log().contains("mail.example.test.") && System.nanoTime() < until) {
      Thread.sleep(20); // unbound writes its query log after answering
    }
    assertThat(unbound.log().lines().filter(l -> l.contains("mail.example.test.")))
        .singleElement().satisfies(l -> assertThat(l).contains(" 127.0.0.2 "));
  }

  @Test
  void tlsVersionBoundsAreHonouredAndAMinimumAboveTheMaximumFailsTheProbe() throws Exception {
    String target = "127.0.0.1:" + unbound.tlsPort;
    assertThat(probe("dot_tls12", target)).contains("probe_success 1\n").doesNotContain("UNSUPPORTED_OPTION");
    assertThat(probe("dot_inverted", target)).contains("probe_success 0\n",
        "probe_failure_info{kind=\"INVALID_REQUEST\"} 1\n");
  }

  @Test
  void aServerThatRequiresAClientCertificateGetsTheConfiguredOne() throws Exception {
    String target = "127.0.0.1:" + mutual.port();
    assertThat(probe("dot_mutual", target)).contains("probe_success 1\n", "probe_dns_answer_rrs 1\n");
    assertThat(probe("dot_mutual_inline", target)).contains("probe_success 1\n", "probe_dns_answer_rrs 1\n");
    assertThat(mutual.clients).contains("CN=probe");
    assertThat(probe("dot_mutual_without", target)).contains("probe_success 0\n");
    String key = Files.readString(mutual.clientKey).lines().filter(l -> !l.startsWith("-----")).findFirst()
        .orElseThrow();
    assertThat(NetprobeProbersTest.debug("dot_mutual_inline", target, exporter)
        + ExporterServerTest.call("GET", exporter.uri().resolve("/config")).body()).doesNotContain(key);
  }
}
