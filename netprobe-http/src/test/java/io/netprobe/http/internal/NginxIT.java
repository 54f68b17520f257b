package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsProblem;
import io.netprobe.testing.FreePorts;
import io.netprobe.text.ClassicText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * netprobe against a real nginx with TLS and HTTP/2, side by side with curl on the same requests: same status, HTTP
 * version, redirect count, final URL, remote IP, header names and failure class; timings in the same order.
 */
class NginxIT {
  private static final String LOCATIONS = String.join("\n",
      "    location = / { return 200 \"ok\\n\"; }",
      "    location = /r1 { return 301 /r2; }",
      "    location = /r2 { return 302 /final; }",
      "    location = /final { add_header X-Final yes; return 200 \"final\\n\"; }",
      "    location = /loop { return 302 /loop; }",
      "    location = /get-only { if ($request_method = HEAD) { return 405; } return 200 \"get\\n\"; }",
      "    location = /django { add_header Set-Cookie \"csrftoken=nginx-secret-value; Path=/\"; return 200 \"x\"; }");

  private static NginxServer nginx;
  private static final ProbeClient TRUSTING = Probes.builder().backend(new OkHttpBackend(TestPki.trust()))
      .timeout(Duration.ofSeconds(10)).build();
  private static final ProbeClient DEFAULT_TRUST = Probes.builder().backend(new OkHttpBackend())
      .timeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void startNginx() throws Exception {
    Assumptions.assumeTrue(NginxServer.available(), "nginx not installed (apt-get install nginx-light)");
    Assumptions.assumeTrue(Curl.available(), "curl not installed (apt-get install curl)");
    nginx = NginxServer.start(LOCATIONS);
  }

  @AfterAll
  static void stopNginx() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
  }

  private static String http(String path) {
    return "http://example.test:" + nginx.httpPort + path;
  }

  private static String https(String path) {
    return "https://example.test:" + nginx.httpsPort + path;
  }

  private static List<String> curlArgs(String url, boolean trustCa, String... more) {
    int port = url.startsWith("https") ? nginx.httpsPort : nginx.httpPort;
    List<String> args = new ArrayList<>(List.of("--resolve", "example.test:" + port + ":127.0.0.1"));
    if (trustCa) {
      args.addAll(List.of("--cacert", nginx.caPem.toString()));
    }
    args.addAll(List.of(more));
    return args;
  }

  private static HttpProbeRequest probe(ProbeClient client, String url) {
    return client.http(url).resolve("example.test", "127.0.0.1");
  }

  @Test
  void sameAnswersAsCurlForPlainTlsAndRedirectChains() throws Exception {
    assertParity(http("/"), false, TlsImplementation.AUTO);
    assertParity(http("/r1"), true, TlsImplementation.AUTO);
    // the first HTTPS probes of a JVM go to OkHttp while the TLS libraries load; these must be the engine's (HTTP/2
    // with nginx over its own TLS), so wait for them to be loaded
    for (TlsImplementation tls : List.of(TlsImplementation.CONSCRYPT, TlsImplementation.JDK)) {
      probe(TRUSTING, https("/")).tls(tls).run();
    }
    long handshakes = EngineHttpExchange.HANDSHAKES.sum();
    for (TlsImplementation tls : List.of(TlsImplementation.CONSCRYPT, TlsImplementation.JDK)) {
      assertParity(https("/"), false, tls);
      assertParity(https("/r1"), false, tls);
      assertParity(https("/r1"), true, tls);
    }
    assertThat(EngineHttpExchange.HANDSHAKES.sum() - handshakes).as("HTTPS exchanges made on the engine")
        .isGreaterThanOrEqualTo(6);
  }

  private static void assertParity(String url, boolean follow, TlsImplementation tlsImplementation) throws Exception {
    Curl.Run curl = Curl.head(url, curlArgs(url, true, follow ? "-L" : "--no-location"));
    HttpProbeRequest request = probe(TRUSTING, url).tls(tlsImplementation);
    HttpProbeResult np = (follow ? request.followRedirects() : request).run();
    String what = url + (follow ? " -L" : "") + " (TLS by " + tlsImplementation + "): curl " + curl.json()
        + "\nnetprobe " + ClassicText.render(np);
    assertThat(curl.exitCode()).as(what).isZero();
    assertThat(np.failure()).as(what).isEmpty();
    assertThat(np.status()).as(what).contains((int) curl.number("http_code"));
    assertThat(versionText(np.version().orElseThrow())).as(what).isEqualTo(curl.string("http_version"));
    assertThat(np.redirectCount()).as(what).isEqualTo((int) curl.number("num_redirects"));
    assertThat(np.finalUrl().toString()).as(what).isEqualTo(curl.string("url_effective"));
    assertThat(np.remote().orElseThrow().getAddress().getHostAddress()).as(what).isEqualTo(curl.string("remote_ip"));
    assertThat(np.remote().orElseThrow().getPort()).as(what).isEqualTo((int) curl.number("remote_port"));
    assertThat(new ArrayList<>(np.headers().names())).as(what).isEqualTo(curl.headerNames());
    assertThat(np.tls().isPresent()).as(what).isEqualTo(url.startsWith("https"));
    np.tls().ifPresent(t -> {
      assertThat(t.verified()).as(what).isTrue();
      assertThat((int) curl.number("ssl_verify_result")).as(what).isZero();
      assertThat(t.protocol()).as(what).isEqualTo("TLSv1.3"); // nginx offers 1.2 and 1.3; curl takes 1.3 too
      assertThat(t.implementation()).as(what).isEqualTo(tlsImplementation);
    });
    assertOrdered(np.finalHop().orElseThrow().timings(), what);
    double[] c = {curl.number("time_namelookup"), curl.number("time_connect"),
        url.startsWith("https") ? curl.number("time_appconnect") : curl.number("time_connect"),
        curl.number("time_pretransfer"), curl.number("time_starttransfer"), curl.number("time_total")};
    for (int i = 1; i < c.length; i++) {
      assertThat(c[i]).as("curl's own order, " + what).isGreaterThanOrEqualTo(c[i - 1]);
    }
  }

  private static String versionText(HttpVersion v) {
    switch (v) {
      case HTTP_1_0:
        return "1";
      case HTTP_1_1:
        return "1.1";
      case HTTP_2:
        return "2";
      default:
        return "3";
    }
  }

  private static void assertOrdered(PhaseTimings t, String what) {
    assertThat(t.connect()).as(what).isGreaterThanOrEqualTo(t.nameLookup());
    assertThat(t.requestSent()).as(what).isGreaterThanOrEqualTo(t.tlsHandshake().orElse(t.connect()));
    t.tlsHandshake().ifPresent(tls -> assertThat(tls).as(what).isGreaterThanOrEqualTo(t.connect()));
    assertThat(t.firstByte()).as(what).isGreaterThanOrEqualTo(t.requestSent());
    assertThat(t.total()).as(what).isGreaterThanOrEqualTo(t.firstByte());
  }

  @Test
  void redirectLoopAndTooManyRedirectsFailLikeCurlsExit47() throws Exception {
    assertThat(Curl.head(https("/loop"), curlArgs(https("/loop"), true, "-L", "--max-redirs", "10")).exitCode())
        .isEqualTo(47);
    HttpProbeResult loop = probe(TRUSTING, https("/loop")).maxRedirects(10).run();
    assertThat(loop.failureKind()).contains(FailureKind.REDIRECT_LOOP);
    assertThat(loop.hops()).hasSize(1);

    assertThat(Curl.head(https("/r1"), curlArgs(https("/r1"), true, "-L", "--max-redirs", "1")).exitCode())
        .isEqualTo(47);
    HttpProbeResult tooMany = probe(TRUSTING, https("/r1")).maxRedirects(1).run();
    assertThat(tooMany.failureKind()).contains(FailureKind.TOO_MANY_REDIRECTS);
    assertThat(tooMany.hops()).hasSize(2);
  }

  @ParameterizedTest(name = "TLS by {0}")
  @EnumSource(value = TlsImplementation.class, names = {"CONSCRYPT", "JDK"})
  void untrustedAndMismatchedCertificatesFailLikeCurlsExit60(TlsImplementation tls) throws Exception {
    assertThat(Curl.head(https("/"), curlArgs(https("/"), false)).exitCode()).isEqualTo(60);
    assertThat(probe(DEFAULT_TRUST, https("/")).tls(tls).run().failureKind()).contains(FailureKind.TLS_UNTRUSTED);

    String wrongHost = "https://localhost:" + nginx.httpsPort + "/";
    assertThat(Curl.head(wrongHost, List.of("--cacert", nginx.caPem.toString())).exitCode()).isEqualTo(60);
    assertThat(TRUSTING.http(wrongHost).tls(tls).run().failureKind()).contains(FailureKind.TLS_HOSTNAME_MISMATCH);

    Curl.Run insecureCurl = Curl.head(wrongHost, List.of("-k"));
    HttpProbeResult insecure = TRUSTING.http(wrongHost).tls(tls).insecure().run();
    assertThat(insecureCurl.exitCode()).isZero();
    assertThat(insecure.status()).contains((int) insecureCurl.number("http_code"));
    assertThat(insecure.tls().orElseThrow().problems()).containsExactly(TlsProblem.HOSTNAME_MISMATCH);
  }

  @ParameterizedTest(name = "TLS by {0}")
  @EnumSource(value = TlsImplementation.class, names = {"CONSCRYPT", "JDK"})
  void httpsToAPlainHttpPortFailsTheHandshakeLikeCurlsExit35(TlsImplementation tls) throws Exception {
    String url = "https://127.0.0.1:" + nginx.httpPort + "/";
    assertThat(Curl.head(url, List.of("--cacert", nginx.caPem.toString())).exitCode()).isEqualTo(35);
    HttpProbeResult r = TRUSTING.http(url).tls(tls).timeout(Duration.ofSeconds(3)).run();
    assertThat(r.failureKind()).as("%s", r.failure()).contains(FailureKind.TLS_HANDSHAKE);
    assertThat(r.failure().orElseThrow().message()).contains("127.0.0.1:" + nginx.httpPort);
    assertThat(r.elapsed()).as("nginx answers the ClientHello with 400 at once").isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void refusedLikeCurlsExit7() throws Exception {
    String closed = "http://127.0.0.1:" + FreePorts.tcp() + "/";
    assertThat(Curl.head(closed, List.of()).exitCode()).isEqualTo(7);
    assertThat(TRUSTING.http(closed).run().failureKind()).contains(FailureKind.CONNECTION_REFUSED);
  }

  @Test
  void headRejectedByNginxFallsBackToGet() {
    HttpProbeResult r = probe(TRUSTING, https("/get-only")).run();
    assertThat(r.status()).contains(200);
    assertThat(r.usedGetFallback()).isTrue();
  }

  @Test
  void djangoStyleCookieIsAHintAndStaysSecret() {
    HttpProbeResult r = probe(TRUSTING, https("/django")).run();
    assertThat(r.originHints()).extracting(h -> h.technology()).contains("Django");
    assertThat(r.originHints()).anySatisfy(h -> assertThat(h.technology()).startsWith("nginx"));
    assertThat(ClassicText.render(r)).contains("csrftoken=<redacted>").doesNotContain("nginx-secret-value");
    assertThat(r.toString()).doesNotContain("nginx-secret-value");
    assertThat(r.edge()).isEmpty();
  }
}
