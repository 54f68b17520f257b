package io.netprobe.diagnose.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.diagnose.Category;
import io.netprobe.diagnose.Check;
import io.netprobe.diagnose.CheckStatus;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.Finding;
import io.netprobe.diagnose.Layer;
import io.netprobe.diagnose.Note;
import io.netprobe.diagnose.Remark;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.RecordType;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verdicts an operator would give that need more than one probe: Cloudflare's origin error codes read together
 * with the direct probe of the origin (a 526 is the origin's certificate, a 524 a slow application), and a stale DNS
 * answer (the address in use is dead, the comparison resolver's address answers). Fakes only.
 */
class EdgeCodesAndStaleDnsTest {
  static final String SITE = DiagnoseVerdictTest.SITE;
  static final String URL = DiagnoseVerdictTest.URL;
  static final String ORIGIN = DiagnoseBehaviourTest.ORIGIN;
  static final String[] CLOUDFLARE = DiagnoseVerdictTest.CLOUDFLARE_HEADERS;

  private static DiagnosisResult withOrigin(FakeHttpBackend viaEdge, FakeHttpBackend direct) {
    FakeDnsBackend dns = new FakeDnsBackend().address(SITE, DiagnoseVerdictTest.CLOUDFLARE_A);
    return Probes.builder().backend(dns).backend(new DiagnoseBehaviourTest.OriginSplit(viaEdge, direct))
        .backend(new FakeSocketTableBackend()).backend(new FakeTcpConnectBackend())
        .backend(new FakePingBackend().reply("8.8.8.8", Duration.ofMillis(28)).reply("1.1.1.1", Duration.ofMillis(9)))
        .build().diagnose(URL).dnsServer("127.0.0.1", 53).origin(ORIGIN).timeout(Duration.ofSeconds(3)).run();
  }

  @ParameterizedTest(name = "526 and the origin''s certificate {0}")
  @CsvSource({
      "TLS_CERTIFICATE_EXPIRED, ORIGIN_CERTIFICATE_EXPIRED, has expired, Renew the certificate on the origin, 만료",
      "TLS_CERTIFICATE_NOT_YET_VALID, ORIGIN_CERTIFICATE_NOT_YET_VALID, is not valid yet, origin's clock, 아직",
      "TLS_UNTRUSTED, ORIGIN_CERTIFICATE_UNTRUSTED, is not trusted, a certificate the edge trusts, 신뢰",
      "TLS_HOSTNAME_MISMATCH, ORIGIN_CERTIFICATE_WRONG_NAME, for another name, covers " + SITE + ", 다른 이름"})
  void edge526WithTheOriginsCertificateFailingDirectlyNamesTheCertificate(FailureKind kind, Finding finding,
      String explanation, String nextStep, String korean) {
    DiagnosisResult d = withOrigin(new FakeHttpBackend().respond(URL, 526, CLOUDFLARE),
        new FakeHttpBackend().fail(URL, kind));

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH)).isEqualTo(finding);
    assertThat(d.verdict().category()).isEqualTo(Category.TLS);
    assertThat(d.verdict().layer()).contains(Layer.ORIGIN);
    assertThat(d.layer(Layer.ORIGIN).orElseThrow().status()).isEqualTo(CheckStatus.FAILED);
    assertThat(d.verdict().explanation()).startsWith("Cloudflare answers HTTP/2 526 ").contains("origin " + ORIGIN)
        .contains(explanation);
    assertThat(d.verdict().nextStep()).contains(nextStep).doesNotContain("Start or fix the web server");
    assertThat(d.verdict().evidence()).anyMatch(e -> e.startsWith("origin " + ORIGIN + " directly: ")
        && e.contains(kind.name()));
    assertThat(DiagnosisReport.render(d, Locale.KOREAN)).contains("오리진 " + ORIGIN).contains(korean);
  }

  @Test
  void edge526WhileTheOriginIsClosedToUsIsStillTheCertificateNotADeadOrigin() {
    DiagnosisResult d = withOrigin(new FakeHttpBackend().respond(URL, 526, CLOUDFLARE),
        new FakeHttpBackend().fail(URL, FailureKind.TIMEOUT));

    assertThat(d.verdict().finding()).isEqualTo(Finding.ORIGIN_CERTIFICATE_REJECTED);
    assertThat(d.verdict().nextStep()).contains("Check the origin's certificate");
    assertThat(d.verdict().evidence()).anyMatch(e -> e.startsWith("origin " + ORIGIN + " directly: "));
  }

  @Test
  void edge525WhileTheOriginAnswersUsIsTheHandshakeBetweenThem() {
    DiagnosisResult d = withOrigin(new FakeHttpBackend().respond(URL, 525, CLOUDFLARE),
        new FakeHttpBackend().respond(URL, 200, "server", "nginx"));

    assertThat(d.verdict().finding()).isEqualTo(Finding.ORIGIN_TLS_HANDSHAKE_FAILED);
    assertThat(d.verdict().nextStep()).contains("serve TLS on port 443 for " + SITE);
  }

  @Test
  void edge524WhileTheOriginAnswersUsIsASlowApplicationNotAFirewall() {
    DiagnosisResult d = withOrigin(new FakeHttpBackend().respond(URL, 524, CLOUDFLARE),
        new FakeHttpBackend().respond(URL, 200, "server", "nginx"));

    assertThat(d.verdict().finding()).isEqualTo(Finding.ORIGIN_TOO_SLOW_BEHIND_EDGE);
    assertThat(d.verdict().nextStep()).contains("slow requests").doesNotContain("firewall");
  }

  @Test
  void edge522WithADeadOriginStillSaysTheOriginIsDown() {
    DiagnosisResult d = withOrigin(new FakeHttpBackend().respond(URL, 522, CLOUDFLARE),
        new FakeHttpBackend().fail(URL, FailureKind.TIMEOUT));

    assertThat(d.verdict().finding()).isEqualTo(Finding.ORIGIN_DOWN_BEHIND_EDGE);
  }

  // ---- stale DNS ----------------------------------------------------------------------------------------------

  static final String OLD = "203.0.113.50";
  static final String NEW = "198.51.100.9";
  static final InetSocketAddress OTHER_RESOLVER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5353);

  /** The local resolver gives {@link #OLD}, the comparison resolver {@link #NEW}. */
  private static FakeDnsBackend twoAnswers() {
    FakeDnsBackend dns = new FakeDnsBackend().address(SITE, OLD);
    dns.script(q -> q.servers().contains(OTHER_RESOLVER), q -> DnsResult.builder(q).backend("fake")
        .header(new DnsHeader(1, "QUERY", "NOERROR", Set.of()))
        .answers(List.of(new DnsAnswer(q.absoluteName(), Duration.ofSeconds(300), "IN", RecordType.A, NEW)))
        .build());
    return dns;
  }

  private static DiagnosisResult diagnose(FakeHttpBackend http, FakePingBackend ping, FakeTcpConnectBackend tcp) {
    ProbeClient client = Probes.builder().backend(twoAnswers()).backend(http).backend(ping).backend(tcp)
        .backend(new FakeSocketTableBackend()).build();
    return client.diagnose(URL).dnsServer("127.0.0.1", 53).compareWithResolver("127.0.0.1", 5353)
        .timeout(Duration.ofSeconds(3)).run();
  }

  private static FakePingBackend internetUp() {
    return new FakePingBackend().reply("8.8.8.8", Duration.ofMillis(28)).reply("1.1.1.1", Duration.ofMillis(9));
  }

  @Test
  void deadAddressFromTheLocalResolverWhileTheOtherAnswersIsAStaleDnsAnswer() {
    FakeHttpBackend http = new FakeHttpBackend().fail(URL, FailureKind.HOST_UNREACHABLE);
    FakePingBackend ping = internetUp().fail(OLD, FailureKind.HOST_UNREACHABLE);
    FakeTcpConnectBackend tcp = new FakeTcpConnectBackend().fail(OLD, 443, FailureKind.HOST_UNREACHABLE)
        .open(NEW, 443);

    DiagnosisResult d = diagnose(http, ping, tcp);

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH))
        .isEqualTo(Finding.DNS_STALE_ANSWER);
    assertThat(d.verdict().category()).isEqualTo(Category.DNS);
    assertThat(d.verdict().layer()).contains(Layer.DNS);
    assertThat(d.verdict().explanation()).startsWith("This machine's resolver gives " + OLD + " for " + SITE
        + ", which does not answer (").contains("while 127.0.0.1 gives " + NEW
        + ", which accepts connections on port 443: the local answer is stale");
    assertThat(d.verdict().nextStep()).startsWith("Flush the local DNS cache");
    assertThat(d.verdict().evidence()).anyMatch(e -> e.startsWith("curl -IL " + URL) && e.contains("HOST_UNREACHABLE"))
        .anyMatch(e -> e.startsWith("dig @127.0.0.1 " + SITE + " A: ") && e.contains(NEW))
        .anyMatch(e -> e.startsWith("tcp " + NEW + ":443 (the comparison resolver's address): "));
    var dnsLayer = d.layer(Layer.DNS).orElseThrow();
    assertThat(dnsLayer.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(dnsLayer.checks()).filteredOn(c -> c.title().equals("tcp " + NEW + ":443 (the comparison resolver's "
        + "address)")).singleElement().extracting(Check::status).isEqualTo(CheckStatus.PASSED);
    assertThat(tcp.received()).anyMatch(q -> q.port() == 443 && q.host().ascii().equals(NEW));
    assertThat(DiagnosisReport.render(d, Locale.KOREAN)).contains("로컬 DNS 응답이 오래되었습니다")
        .contains("로컬 DNS 캐시를 비우거나");
  }

  @Test
  void refusedOrDroppedOldAddressIsStaleToo() {
    for (FailureKind kind : List.of(FailureKind.CONNECTION_REFUSED, FailureKind.TIMEOUT)) {
      DiagnosisResult d = diagnose(new FakeHttpBackend().fail(URL, kind), internetUp(),
          new FakeTcpConnectBackend().open(NEW, 443));

      assertThat(d.verdict().finding()).as(kind.name()).isEqualTo(Finding.DNS_STALE_ANSWER);
    }
  }

  @Test
  void whenTheOtherAddressDoesNotAnswerEitherTheVerdictStaysWithTheNetwork() {
    FakeHttpBackend http = new FakeHttpBackend().fail(URL, FailureKind.HOST_UNREACHABLE);
    FakePingBackend ping = internetUp().fail(OLD, FailureKind.HOST_UNREACHABLE);
    FakeTcpConnectBackend tcp = new FakeTcpConnectBackend().fail(OLD, 443, FailureKind.HOST_UNREACHABLE)
        .silent(NEW, 443);

    DiagnosisResult d = diagnose(http, ping, tcp);

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH))
        .isEqualTo(Finding.HOST_UNREACHABLE);
    assertThat(d.notes()).extracting(Note::remark).contains(Remark.RESOLVERS_DISAGREE);
    assertThat(d.layer(Layer.DNS).orElseThrow().checks()).filteredOn(c -> c.title().startsWith("tcp " + NEW))
        .singleElement().extracting(Check::status).isEqualTo(CheckStatus.WARNING);
  }

  @Test
  void resolversDisagreeingWhileTheSiteWorksIsOnlyANote() {
    FakeHttpBackend http = new FakeHttpBackend().respond(URL, 200, "server", "nginx");
    DiagnosisResult d = diagnose(http, internetUp().reply(OLD, Duration.ofMillis(5)),
        new FakeTcpConnectBackend().open(NEW, 443));

    assertThat(d.verdict().category()).isEqualTo(Category.OK);
    assertThat(d.layer(Layer.DNS).orElseThrow().status()).isEqualTo(CheckStatus.WARNING);
    assertThat(d.notes()).extracting(Note::remark).containsExactly(Remark.RESOLVERS_DISAGREE);
  }
}
