package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTransport;
import io.netprobe.http.TlsProblem;
import io.netprobe.testing.LocalUnbound;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS over TLS and HTTPS, and the source address, against a real unbound; answers compared with kdig's on the same
 * names over the same transport.
 */
class EncryptedDnsIT {
  private static LocalUnbound unbound;
  private static ProbeClient client;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(LocalUnbound.installed() && Files.isExecutable(Path.of("/usr/bin/kdig")), "unbound and kdig needed");
    unbound = LocalUnbound.start();
    client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (unbound != null) {
      unbound.close();
    }
  }

  private static DnsRequest tls(String name) {
    return client.dns(name).server("127.0.0.1", unbound.tlsPort).overTls().tlsCaFile(unbound.cert)
        .tlsServerName("dns.test");
  }

  private static DnsRequest https(String name) {
    return client.dns(name).overHttps(URI.create("https://127.0.0.1:" + unbound.httpsPort + "/dns-query"))
        .tlsCaFile(unbound.cert);
  }

  @Test
  void dnsOverTlsAnswersWhatKdigGetsAndReportsTheTlsFacts() throws Exception {
    for (String[] q : new String[][] {{"www.example.test", "A"}, {"mail.example.test", "MX"}}) {
      DnsResult r = tls(q[0]).type(q[1]).run();
      assertThat(r.failure()).isEmpty();
      assertThat(r.transport()).contains(DnsTransport.TLS);
      assertThat(data(r)).isEqualTo(kdig(unbound.tlsPort, q[0], q[1], "+tls-ca=" + unbound.cert,
          "+tls-hostname=dns.test"));
      var tls = r.tls().orElseThrow();
      assertThat(tls.protocol()).startsWith("TLSv1.");
      assertThat(tls.cipherSuite()).startsWith("TLS_");
      assertThat(tls.problems()).isEmpty();
      assertThat(tls.leaf().orElseThrow().subject()).isEqualTo("CN=dns.test");
      assertThat(tls.leaf().orElseThrow().notAfter()).isAfter(Instant.now().plus(Duration.ofDays(29)));
    }
  }

  @Test
  void dnsOverHttpsPostAndGetAnswerWhatKdigGets() throws Exception {
    List<String> kdig = kdig(unbound.httpsPort, "www.example.test", "A", "+https", "+tls-ca=" + unbound.cert);
    assertThat(kdig).hasSize(2);
    DnsResult post = https("www.example.test").run();
    DnsResult get = https("www.example.test").httpsGet().run();
    for (DnsResult r : List.of(post, get)) {
      assertThat(r.failure()).isEmpty();
      assertThat(r.transport()).contains(DnsTransport.HTTPS);
      assertThat(data(r)).isEqualTo(kdig);
      assertThat(r.tls().orElseThrow().alpn()).contains("h2");
      assertThat(r.tls().orElseThrow().leaf().orElseThrow().subject()).isEqualTo("CN=dns.test");
      assertThat(r.server().orElseThrow().getPort()).isEqualTo(unbound.httpsPort);
    }
  }

  @Test
  void aCertificateFromAnotherCaIsATypedFailure() {
    DnsResult dot = client.dns("www.example.test").server("127.0.0.1", unbound.tlsPort).overTls()
        .tlsCaFile(unbound.otherCert).run();
    assertThat(dot.failureKind()).contains(FailureKind.TLS_UNTRUSTED);
    assertThat(dot.failure().orElseThrow().message()).contains("127.0.0.1#" + unbound.tlsPort);
    DnsResult doh = client.dns("www.example.test")
        .overHttps(URI.create("https://127.0.0.1:" + unbound.httpsPort + "/dns-query")).tlsCaFile(unbound.otherCert)
        .run();
    assertThat(doh.failureKind()).contains(FailureKind.TLS_UNTRUSTED);
  }

  @Test
  void aCertificateForAnotherNameIsAHostnameMismatch() {
    DnsResult r = tls("www.example.test").tlsServerName("wrong.test").run();
    assertThat(r.failureKind()).contains(FailureKind.TLS_HOSTNAME_MISMATCH);
    assertThat(r.failure().orElseThrow().message()).contains("wrong.test").contains("dns.test");
  }

  @Test
  void withoutVerificationAnyCertificateIsAcceptedAndItsProblemsReported() {
    DnsResult r = client.dns("www.example.test").server("127.0.0.1", unbound.tlsPort).overTls().tlsVerify(false)
        .run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.tls().orElseThrow().problems()).contains(TlsProblem.UNTRUSTED_ISSUER);
  }

  @Test
  void theSourceAddressIsTheOneTheServerSees() throws Exception {
    DnsResult udp = client.dns("src-udp.example.test").server("127.0.0.1", unbound.plainPort).source("127.0.0.2")
        .run();
    DnsResult tcp = client.dns("src-tcp.example.test").server("127.0.0.1", unbound.plainPort).source("127.0.0.2")
        .tcp().run();
    DnsResult dot = tls("src-tls.example.test").source("127.0.0.2").run();
    assertThat(List.of(udp, tcp, dot)).allSatisfy(r -> assertThat(r.rcode()).contains("NXDOMAIN"));
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (!unbound.log().contains("src-tls.example.test") && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    String log = unbound.log();
    for (String name : List.of("src-udp", "src-tcp", "src-tls")) {
      assertThat(log.lines().filter(l -> l.contains(name + ".example.test.")))
          .singleElement().satisfies(l -> assertThat(l).contains(" 127.0.0.2 "));
    }
  }

  @Test
  void anAddressThisMachineDoesNotHaveIsAClearError() {
    DnsResult r = client.dns("www.example.test").server("127.0.0.1", unbound.plainPort).source("192.0.2.1").run();
    assertThat(r.failureKind()).contains(FailureKind.NETWORK_ERROR);
    assertThat(r.failure().orElseThrow().message()).isEqualTo(
        "cannot send from 192.0.2.1: it is not an address of this machine (-b names a local address to send from)");
  }

  private static List<String> data(DnsResult r) {
    return r.answers().stream().map(DnsAnswer::data).sorted().toList();
  }

  private static List<String> kdig(int port, String name, String type, String... options)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("kdig", "@127.0.0.1", "-p", String.valueOf(port), name, type,
        "+short", "+time=3", "+retry=0"));
    cmd.addAll(Arrays.asList(options));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out.lines().filter(l -> !l.isBlank()).sorted().toList();
  }
}
