package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import io.netprobe.testing.LocalUnbound;
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
 * DNS over TLS on loopback with a certificate made by the test.
 */
class DnsOverTlsProberTest {
  @TempDir
  static Path dir;
  static LocalUnbound unbound;
  static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(LocalUnbound.installed(), "unbound and openssl are not installed");
    unbound = LocalUnbound.start();
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          dot:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              query_type: A
              dns_over_tls: true
              tls_config: {ca_file: %s, server_name: dns.test}
              valid_rcodes: [NOERROR]
          dot_wrong_ca:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              dns_over_tls: true
              tls_config: {ca_file: %s, server_name: dns.test}
          dot_insecure:
            prober: dns
            timeout: 5s
            dns:
              query_name: www.example.test
              dns_over_tls: true
              tls_config: {ca_file: %s, insecure_skip_verify: true}
          from_127_0_0_2:
            prober: dns
            timeout: 5s
            dns:
              query_name: mail.example.test
              query_type: MX
              source_ip_address: 127.0.0.2
        """.formatted(unbound.cert, unbound.otherCert, unbound.otherCert));
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
}
