package io.netprobe.text;

import static io.netprobe.text.Fixtures.T0;
import static io.netprobe.text.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.EdgeInfo;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.OriginHint;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** curl -I's text: status lines and headers with secrets redacted, netprobe's * lines, and the summary. */
class CurlTextTest {
  static final String SECRET = "s3cr3t-csrf-value";
  static final URI HTTP = URI.create("http://quizai.example/");
  static final URI HTTPS = URI.create("https://quizai.example/");
  static final HttpProbeSpec SPEC = new HttpProbeSpec(HTTP, "HEAD", 10, false, Map.of(), List.of(),
      HttpProbeSpec.DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(10), TlsImplementation.AUTO);
  static final Instant NOT_AFTER = Instant.parse("2027-02-01T12:00:00Z");

  static PhaseTimings timings(boolean tls) {
    return new PhaseTimings(Duration.ofMillis(2), Duration.ofMillis(5), tls ? Optional.of(Duration.ofMillis(20))
        : Optional.empty(), Duration.ofMillis(21), Duration.ofMillis(61), Duration.ofMillis(64));
  }

  static TlsInfo tls(List<TlsProblem> problems) {
    CertificateInfo leaf = new CertificateInfo("CN=quizai.example", "CN=Test CA", List.of("quizai.example"),
        Instant.parse("2026-11-01T00:00:00Z"), NOT_AFTER, "01", "AA:BB");
    return new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.of("h2"), List.of(leaf), problems,
        Optional.empty(), TlsImplementation.JDK);
  }

  static HttpHop redirect() {
    return new HttpHop(HTTP, "HEAD", 301, "Moved Permanently", HttpVersion.HTTP_1_1, HttpHeaders.of(List.of(
        Map.entry("Location", HTTPS.toString()), Map.entry("Server", "cloudflare"))), Optional.of(HTTPS),
        Optional.of(new InetSocketAddress(ip("192.0.2.80"), 80)), timings(false), Optional.empty());
  }

  static HttpHop ok(List<TlsProblem> problems) {
    return new HttpHop(HTTPS, "HEAD", 200, "", HttpVersion.HTTP_2, HttpHeaders.of(List.of(
        Map.entry("server", "cloudflare"), Map.entry("cf-cache-status", "DYNAMIC"),
        Map.entry("cf-ray", "8f00aa-ICN"), Map.entry("set-cookie", "csrftoken=" + SECRET + "; Path=/; Secure"))),
        Optional.empty(), Optional.of(new InetSocketAddress(ip("2001:db8::443"), 443)), timings(true),
        Optional.of(tls(problems)));
  }

  static HttpProbeResult followed() {
    EdgeInfo edge = new EdgeInfo(EdgeProvider.CLOUDFLARE, List.of("server: cloudflare", "cf-ray: 8f00aa-ICN"),
        Optional.of("DYNAMIC"), Optional.of("ICN"), Optional.of("8f00aa-ICN"));
    return new HttpProbeResult(SPEC, List.of(redirect(), ok(List.of())), true, Optional.of(edge),
        List.of(new OriginHint("Django", "set-cookie: csrftoken")), "test", T0, Duration.ofMillis(130),
        Optional.empty());
  }

  @Test
  void everyHopThenNetprobesStarLines() {
    assertThat(CurlText.render(followed())).isEqualTo("""
        HTTP/1.1 301 Moved Permanently
        Location: https://quizai.example/
        Server: cloudflare

        HTTP/2 200
        server: cloudflare
        cf-cache-status: DYNAMIC
        cf-ray: 8f00aa-ICN
        set-cookie: csrftoken=<redacted>; Path=/; Secure

        * connected to 2001:db8::443 port 443
        * TLS TLSv1.3 / TLS_AES_128_GCM_SHA256, ALPN h2 (JDK), certificate verified
        * certificate CN=quizai.example, issuer CN=Test CA, expires 2027-02-01T12:00:00Z
        * dns 2 ms, tcp 3 ms, tls 15 ms, server 40 ms, transfer 3 ms, total 64 ms
        * HEAD was rejected; retried with GET
        * edge: Cloudflare (ICN), cache DYNAMIC — server: cloudflare; cf-ray: 8f00aa-ICN
        * origin: Django (set-cookie: csrftoken)
        """);
    assertThat(ClassicText.render(followed())).isEqualTo(CurlText.render(followed())).doesNotContain(SECRET);
  }

  @Test
  void headersAloneAreWhatCurlSilentPrints() {
    assertThat(CurlText.renderHeaders(followed())).isEqualTo("""
        HTTP/1.1 301 Moved Permanently
        Location: https://quizai.example/
        Server: cloudflare

        HTTP/2 200
        server: cloudflare
        cf-cache-status: DYNAMIC
        cf-ray: 8f00aa-ICN
        set-cookie: csrftoken=<redacted>; Path=/; Secure

        """);
  }

  @Test
  void aFailureWithoutResponseIsOneStarLineAndNoHeaders() {
    HttpProbeResult refused = new HttpProbeResult(SPEC, List.of(), false, Optional.empty(), List.of(), "test", T0,
        Duration.ofMillis(1), Optional.of(ProbeFailure.of(FailureKind.CONNECTION_REFUSED,
            "connection refused by 192.0.2.80:80")));
    assertThat(CurlText.render(refused)).isEqualTo("* failed: CONNECTION_REFUSED: connection refused by 192.0.2.80:80\n");
    assertThat(CurlText.renderHeaders(refused)).isEmpty();
    assertThat(CurlText.summary(refused)).isEqualTo("CONNECTION_REFUSED: connection refused by 192.0.2.80:80");
  }

  @Test
  void aFailureAfterHopsKeepsThemAndSaysWhyLast() {
    HttpProbeResult loop = new HttpProbeResult(SPEC, List.of(redirect()), false, Optional.empty(), List.of(), "test",
        T0, Duration.ofMillis(9), Optional.of(ProbeFailure.of(FailureKind.REDIRECT_LOOP,
            "redirect back to http://quizai.example/")));
    assertThat(CurlText.render(loop)).isEqualTo("""
        HTTP/1.1 301 Moved Permanently
        Location: https://quizai.example/
        Server: cloudflare

        * connected to 192.0.2.80 port 80
        * dns 2 ms, tcp 3 ms, tls 0 ms, server 40 ms, transfer 3 ms, total 64 ms
        * failed: REDIRECT_LOOP: redirect back to http://quizai.example/
        """);
    assertThat(CurlText.summary(loop, T0)).isEqualTo("HTTP/1.1 301 Moved Permanently, server: cloudflare, "
        + "location: https://quizai.example/, REDIRECT_LOOP: redirect back to http://quizai.example/");
  }

  @Test
  void summaryJoinsStatusLinesAndNamesTheTellingHeadersAndTls() {
    assertThat(CurlText.summary(followed(), T0)).isEqualTo("HTTP/1.1 301 Moved Permanently → HTTP/2 200, "
        + "server: cloudflare, cf-cache-status: DYNAMIC, cf-ray: 8f00aa-ICN, "
        + "TLSv1.3, certificate valid until 2027-02-01 (69 days)");
  }

  @Test
  void certificateProblemsAreNamedInRenderAndSummary() {
    HttpProbeResult expired = new HttpProbeResult(SPEC, List.of(ok(List.of(TlsProblem.EXPIRED,
        TlsProblem.HOSTNAME_MISMATCH))), false, Optional.empty(), List.of(), "test", T0, Duration.ofMillis(70),
        Optional.empty());
    assertThat(CurlText.render(expired)).contains("* TLS TLSv1.3 / TLS_AES_128_GCM_SHA256, ALPN h2 (JDK), "
        + "certificate problems [EXPIRED, HOSTNAME_MISMATCH]\n");
    TlsInfo t = expired.tls().orElseThrow();
    assertThat(CurlText.summary(t, NOT_AFTER.plus(Duration.ofDays(3)))).isEqualTo("TLSv1.3, certificate valid "
        + "until 2027-02-01 (-3 days), problems: [EXPIRED, HOSTNAME_MISMATCH]");
  }

  @Test
  void conscryptAndAMissingCertificateAreSaid() {
    TlsInfo bare = new TlsInfo("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", Optional.empty(), List.of(),
        List.of(), Optional.empty(), TlsImplementation.CONSCRYPT);
    HttpHop hop = new HttpHop(HTTPS, "HEAD", 204, "No Content", HttpVersion.HTTP_1_1, HttpHeaders.empty(),
        Optional.empty(), Optional.empty(), timings(true), Optional.of(bare));
    HttpProbeResult r = new HttpProbeResult(SPEC, List.of(hop), false, Optional.empty(), List.of(), "test", T0,
        Duration.ofMillis(64), Optional.empty());
    assertThat(CurlText.render(r)).isEqualTo("""
        HTTP/1.1 204 No Content

        * TLS TLSv1.2 / TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 (Conscrypt), certificate verified
        * dns 2 ms, tcp 3 ms, tls 15 ms, server 40 ms, transfer 3 ms, total 64 ms
        """);
    assertThat(CurlText.summary(bare)).isEqualTo("TLSv1.2, no certificate");
  }
}
