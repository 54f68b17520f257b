package io.netprobe.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.examples.quickstart.SiteCheck.Status;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a user tests their own health check without a network: netprobe-testing's fakes. */
class SiteCheckTest {
  private static final String SITE = "quizai.juwonpark.me";
  private static final String URL = "https://quizai.juwonpark.me/";

  private final FakeDnsBackend dns = new FakeDnsBackend().address(SITE, "172.67.152.70", "104.21.12.115");
  private final FakeHttpBackend http = new FakeHttpBackend()
      .respond(URL, 200, "server", "cloudflare", "cf-cache-status", "DYNAMIC");

  private SiteCheck check() {
    ProbeClient probes = Probes.builder().backend(dns).backend(http).build();
    return new SiteCheck(probes, SITE);
  }

  @Test
  void healthySiteIsReportedHealthy() {
    SiteCheck.Report report = check().check();
    assertThat(report.status()).isEqualTo(Status.HEALTHY);
    assertThat(report.reason()).isEqualTo("2 address(es), HTTP 200");
    assertThat(dns.received()).singleElement().satisfies(q -> assertThat(q.name()).isEqualTo(SITE));
  }

  static Stream<Arguments> dnsFailures() {
    return Stream.of(Arguments.of(FailureKind.NAME_NOT_FOUND), Arguments.of(FailureKind.SERVER_FAILURE),
        Arguments.of(FailureKind.REFUSED), Arguments.of(FailureKind.TIMEOUT), Arguments.of(FailureKind.NETWORK_ERROR));
  }

  @ParameterizedTest(name = "DNS {0} → DNS_BROKEN")
  @MethodSource("dnsFailures")
  void everyDnsFailureKindIsReportedAsDns(FailureKind kind) {
    dns.fail(SITE, kind);
    SiteCheck.Report report = check().check();
    assertThat(report.status()).isEqualTo(Status.DNS_BROKEN);
    assertThat(report.reason()).startsWith("DNS: " + kind);
    assertThat(http.received()).as("no HTTP probe when DNS is broken").isEmpty();
  }

  @Test
  void nxdomainFromTheRealShapeOfAnswerIsDnsBroken() {
    dns.fail(SITE, FailureKind.NAME_NOT_FOUND);
    assertThat(check().check().reason()).contains("NAME_NOT_FOUND").contains("NXDOMAIN");
  }

  static Stream<Arguments> httpFailures() {
    return Stream.of(Arguments.of(FailureKind.CONNECTION_REFUSED), Arguments.of(FailureKind.CONNECTION_RESET),
        Arguments.of(FailureKind.TLS_CERTIFICATE_EXPIRED), Arguments.of(FailureKind.TLS_HOSTNAME_MISMATCH),
        Arguments.of(FailureKind.TLS_UNTRUSTED), Arguments.of(FailureKind.PROTOCOL_ERROR));
  }

  @ParameterizedTest(name = "HTTP {0} → SITE_DOWN")
  @MethodSource("httpFailures")
  void everyHttpFailureKindIsReportedAsSiteDown(FailureKind kind) {
    http.fail(URL, kind);
    SiteCheck.Report report = check().check();
    assertThat(report.status()).isEqualTo(Status.SITE_DOWN);
    assertThat(report.reason()).startsWith("HTTP: " + kind);
  }

  @Test
  void aSilentSiteTimesOutWithinTheCheckDeadline() {
    http.delay(URL, Duration.ofMinutes(1));
    long start = System.nanoTime();
    SiteCheck.Report report = check().check();
    assertThat(report.status()).isEqualTo(Status.SITE_DOWN);
    assertThat(report.reason()).startsWith("HTTP: TIMEOUT");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void a503FromTheOriginIsASiteError() {
    http.respond(URL, 503, "server", "cloudflare");
    SiteCheck.Report report = check().check();
    assertThat(report.status()).isEqualTo(Status.SITE_ERROR);
    assertThat(report.reason()).isEqualTo("HTTP 503 from " + URL);
  }
}
