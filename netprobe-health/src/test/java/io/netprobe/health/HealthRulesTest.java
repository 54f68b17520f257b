package io.netprobe.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.RecordType;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import io.netprobe.icmp.PingResult;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthRulesTest {
  private final FakeHttpBackend http = new FakeHttpBackend();
  private final FakeDnsBackend dns = new FakeDnsBackend();
  private final FakePingBackend ping = new FakePingBackend();
  private final FakeSocketTableBackend sockets = new FakeSocketTableBackend();
  private final FakeTcpConnectBackend tcp = new FakeTcpConnectBackend();
  private final ProbeClient probes = Probes.builder().timeout(Duration.ofSeconds(2))
      .backend(http).backend(dns).backend(ping).backend(sockets).backend(tcp).build();

  @Test
  void httpStatusRangeIsUpInsideAndDownOutside() {
    http.respond("http://web.test/", 204).respond("http://down.test/", 503);
    HealthResult up = HealthCheck.of("web", probes.http("http://web.test/"), HealthRules.http2xx()).run();
    HealthResult down = HealthCheck.of("down", probes.http("http://down.test/"), HealthRules.http2xx()).run();

    assertThat(up.status()).isEqualTo(HealthStatus.UP);
    assertThat(up.details()).containsEntry("status", 204).containsEntry("url", "http://web.test/");
    assertThat(down.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(down.reason()).isEqualTo("status 503 is not in 200-299");
    assertThat(down.failureKind()).isEmpty();
  }

  @Test
  void httpFailureIsDownWithItsKindInTheDetails() {
    http.fail("https://refused.test/", FailureKind.CONNECTION_REFUSED);
    HealthResult r = HealthCheck.of("api", probes.http("https://refused.test/"), HealthRules.http2xx()).run();

    assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(r.failureKind()).contains(FailureKind.CONNECTION_REFUSED);
    assertThat(r.details()).containsEntry("failureKind", "CONNECTION_REFUSED");
    assertThat(r.reason()).startsWith("CONNECTION_REFUSED: ");
  }

  @Test
  void urlQueryStringsNeverReachTheDetails() {
    http.respond("https://api.test/health?token=s3cr3t", 200);
    HealthResult r = HealthCheck.of("api", probes.http("https://api.test/health?token=s3cr3t"),
        HealthRules.http2xx()).run();

    assertThat(r.status()).isEqualTo(HealthStatus.UP);
    assertThat(r.details().toString()).doesNotContain("s3cr3t");
    assertThat(r.details()).containsEntry("url", "https://api.test/health");

    http.fail("https://api.test/health?token=s3cr3t", FailureKind.TIMEOUT);
    HealthResult failed = HealthCheck.of("api", probes.http("https://api.test/health?token=s3cr3t"),
        HealthRules.http2xx()).run();
    assertThat(failed.reason() + failed.details()).doesNotContain("s3cr3t")
        .contains("https://api.test/health?<redacted>");
  }

  @Test
  void certificateRuleIsUpDegradedOrDownByDaysLeftAndProblems() {
    Instant now = Instant.now();
    tlsSite("https://fresh.test/", now.plus(Duration.ofDays(60)), List.of());
    tlsSite("https://soon.test/", now.plus(Duration.ofDays(5)), List.of());
    tlsSite("https://expired.test/", now.minus(Duration.ofDays(1)), List.of(TlsProblem.EXPIRED));
    HealthRule<HttpProbeResult> rule = HealthRules.certificateValidFor(Duration.ofDays(14));

    HealthResult fresh = HealthCheck.of("a", probes.http("https://fresh.test/").insecure(), rule).run();
    HealthResult soon = HealthCheck.of("b", probes.http("https://soon.test/").insecure(), rule).run();
    HealthResult expired = HealthCheck.of("c", probes.http("https://expired.test/").insecure(), rule).run();

    assertThat(fresh.status()).isEqualTo(HealthStatus.UP);
    assertThat(fresh.details()).containsEntry("certificateDaysLeft", 59L).containsEntry("tlsVersion", "TLSv1.3");
    assertThat(soon.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(soon.reason()).contains("expires in 4 days").contains("less than 14 days");
    assertThat(expired.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(expired.details()).containsEntry("tlsProblems", List.of("EXPIRED"));
  }

  @Test
  void certificateRuleIsDownForPlainHttpAndFailedHandshakes() {
    http.respond("http://plain.test/", 200).fail("https://badtls.test/", FailureKind.TLS_UNTRUSTED);
    HealthRule<HttpProbeResult> rule = HealthRules.certificateValidFor(Duration.ofDays(14));

    assertThat(HealthCheck.of("p", probes.http("http://plain.test/"), rule).run().reason()).isEqualTo(
        "no TLS: http URL");
    HealthResult bad = HealthCheck.of("b", probes.http("https://badtls.test/"), rule).run();
    assertThat(bad.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(bad.failureKind()).contains(FailureKind.TLS_UNTRUSTED);
  }

  @Test
  void combinedRulesKeepTheWorstVerdict() {
    tlsSite("https://soon.test/", Instant.now().plus(Duration.ofDays(3)), List.of());
    HealthResult r = HealthCheck.of("site", probes.http("https://soon.test/"),
        HealthRules.http2xx().and(HealthRules.certificateValidFor(Duration.ofDays(14)))).run();

    assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void dnsAnswerContainsComparesAddressesAsAddressesAndRecordsAsText() {
    dns.address("quizai.juwonpark.me", "172.67.152.70", "2606:4700:3030::ac43:9846")
        .records("example.test", RecordType.MX, "10 mail.example.test.");

    assertThat(HealthCheck.of("a", probes.dns("quizai.juwonpark.me"),
        HealthRules.dnsAnswerContains("172.67.152.70")).run().status()).isEqualTo(HealthStatus.UP);
    assertThat(HealthCheck.of("aaaa", probes.dns("quizai.juwonpark.me").type("AAAA"),
        HealthRules.dnsAnswerContains("2606:4700:3030:0:0:0:ac43:9846")).run().status()).isEqualTo(HealthStatus.UP);
    assertThat(HealthCheck.of("mx", probes.dns("example.test").type("MX"),
        HealthRules.dnsAnswerContains("10 MAIL.example.test")).run().status()).isEqualTo(HealthStatus.UP);

    HealthResult wrong = HealthCheck.of("a", probes.dns("quizai.juwonpark.me"),
        HealthRules.dnsAnswerContains("203.0.113.7")).run();
    assertThat(wrong.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(wrong.reason()).contains("[172.67.152.70]").contains("does not contain 203.0.113.7");
    assertThat(wrong.details()).containsEntry("rcode", "NOERROR").containsEntry("answers", List.of("172.67.152.70"));
  }

  @Test
  void dnsFailuresAreDownWithTheirKind() {
    HealthResult r = HealthCheck.of("a", probes.dns("missing.test"), HealthRules.dnsAnswerContains("192.0.2.1")).run();

    assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(r.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(r.details()).containsEntry("rcode", "NXDOMAIN").containsEntry("failureKind", "NAME_NOT_FOUND");
  }

  @Test
  void lossBelowTwentyPercentIsUpThenDegradedThenDown() {
    ping.lossy("good.test", 0.1, Duration.ofMillis(20))
        .lossy("flaky.test", 0.5, Duration.ofMillis(40))
        .fail("gone.test", FailureKind.HOST_UNREACHABLE);
    HealthRule<PingResult> rule = HealthRules.lossBelow(20);

    HealthResult good = HealthCheck.of("g", probes.ping("good.test").count(10), rule).run();
    HealthResult flaky = HealthCheck.of("f", probes.ping("flaky.test").count(10), rule).run();
    HealthResult gone = HealthCheck.of("x", probes.ping("gone.test").count(10), rule).run();

    assertThat(good.status()).isEqualTo(HealthStatus.UP);
    assertThat(good.details()).containsEntry("lossPercent", 10.0).containsEntry("received", 9)
        .containsEntry("rttAvgMs", 20.0);
    assertThat(flaky.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(flaky.reason()).startsWith("50.0% loss (5/10 received)");
    assertThat(gone.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(gone.failureKind()).contains(FailureKind.HOST_UNREACHABLE);
  }

  @Test
  void lossAboveTheDownThresholdIsDown() {
    ping.lossy("bad.test", 0.6, Duration.ofMillis(10));
    HealthResult r = HealthCheck.of("b", probes.ping("bad.test").count(10), HealthRules.lossBelow(20, 50)).run();

    assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void averageRttAboveTheLimitIsDegraded() {
    ping.reply("slow.test", Duration.ofMillis(300));
    HealthResult r = HealthCheck.of("s", probes.ping("slow.test"),
        HealthRules.averageRttBelow(Duration.ofMillis(100))).run();

    assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(r.reason()).isEqualTo("average rtt 300.0 ms, limit 100.0 ms");
  }

  @Test
  void loopbackOnlyListenerIsUpExposedOrMissingIsDown() {
    sockets.tcp("127.0.0.1", 3306, "mariadbd", 455).tcp("0.0.0.0", 8000, "python", 812)
        .tcp("::1", 8000, "python", 812);

    HealthResult db = HealthCheck.of("db", probes.listeningSockets().tcp(),
        HealthRules.listensOnLoopbackOnly(3306)).run();
    HealthResult web = HealthCheck.of("web", probes.listeningSockets().tcp(),
        HealthRules.listensOnLoopbackOnly(8000)).run();
    HealthResult none = HealthCheck.of("none", probes.listeningSockets().tcp(),
        HealthRules.listensOnLoopbackOnly(5432)).run();

    assertThat(db.status()).isEqualTo(HealthStatus.UP);
    assertThat(web.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(web.reason()).isEqualTo("port 8000 is exposed beyond loopback: tcp 0.0.0.0:8000 (python)");
    assertThat(none.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(none.reason()).isEqualTo("nothing listens on port 5432");
    assertThat(HealthCheck.of("l", probes.listeningSockets(), HealthRules.listens(8000)).run().status())
        .isEqualTo(HealthStatus.UP);
  }

  @Test
  void tcpSucceedsOrFailsWithTheKind() {
    tcp.open("db.test", 5432).delay("db.test", 5432, Duration.ofMillis(3)).fail("cache.test", 6379, FailureKind.TIMEOUT);

    HealthResult db = HealthCheck.of("db", probes.tcp("db.test", 5432), HealthRules.succeeds()).run();
    HealthResult cache = HealthCheck.of("cache", probes.tcp("cache.test", 6379), HealthRules.succeeds()).run();

    assertThat(db.status()).isEqualTo(HealthStatus.UP);
    assertThat(db.details()).containsEntry("target", "db.test:5432").containsEntry("connectTimeMs", 3.0);
    assertThat(cache.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(cache.failureKind()).contains(FailureKind.TIMEOUT);
  }

  @Test
  void slowButSuccessfulProbeIsDegradedByFasterThan() {
    tcp.open("slow.test", 80).delay("slow.test", 80, Duration.ofMillis(120));
    HealthResult r = HealthCheck.of("slow", probes.tcp("slow.test", 80),
        HealthRules.fasterThan(Duration.ofMillis(50))).run();

    assertThat(r.status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void aRuleThatThrowsMakesTheCheckDownInsteadOfBreakingIt() {
    tcp.open("db.test", 5432);
    HealthResult r = HealthCheck.of("db", probes.tcp("db.test", 5432), (result, now) -> {
      throw new IllegalStateException("boom");
    }).run();

    assertThat(r.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(r.reason()).contains("the rule failed").contains("boom");
  }

  @Test
  void badArgumentsAreRejectedAtOnceNamingTheValue() {
    assertThatThrownBy(() -> HealthRules.httpStatus(300, 200)).hasMessageContaining("max status")
        .hasMessageContaining("200");
    assertThatThrownBy(() -> HealthRules.lossBelow(120)).hasMessageContaining("120");
    assertThatThrownBy(() -> HealthRules.dnsAnswerContains(" ")).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> HealthRules.listensOnLoopbackOnly(70000)).hasMessageContaining("70000");
    assertThatThrownBy(() -> HealthCheck.of("bad name", probes.tcp("db.test", 1), HealthRules.succeeds()))
        .hasMessageContaining("bad name");
    assertThatThrownBy(() -> HealthCheck.of("x", probes.tcp("db.test", 1), HealthRules.succeeds())
        .every(Duration.ofMillis(10))).hasMessageContaining("at least 100 ms");
  }

  private void tlsSite(String url, Instant notAfter, List<TlsProblem> problems) {
    URI key = URI.create(url);
    CertificateInfo cert = new CertificateInfo("CN=" + key.getHost(), "CN=Test CA", List.of(key.getHost()),
        notAfter.minus(Duration.ofDays(90)), notAfter, "01", "AA:BB");
    CertificateInfo ca = new CertificateInfo("CN=Test CA", "CN=Test CA", List.of(),
        notAfter.minus(Duration.ofDays(900)), notAfter.plus(Duration.ofDays(900)), "02", "CC:DD");
    TlsInfo tls = new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.of("h2"), List.of(cert, ca), problems,
        problems.isEmpty() ? Optional.empty() : Optional.of("scripted " + problems), TlsImplementation.JDK);
    http.respond(url, 200).tls(url, tls);
  }
}
