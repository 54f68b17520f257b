package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import io.netprobe.http.TlsVersion;
import io.netprobe.testing.Http3TestServer;
import io.netprobe.testing.site.LocalCertificate;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/3 probes against a Netty HTTP/3 server in this JVM on a loopback UDP port: responses, redirects through the
 * core's policy, certificate checks, a silent peer, nothing listening, and the event loop's thread ending.
 */
class Http3ExchangeTest {
  private static final LocalCertificate CERT = new LocalCertificate("127.0.0.1");
  private static final LocalCertificate NAMED = new LocalCertificate("h3.netprobe.test");
  private static Http3TestServer server;
  private static Http3TestServer named;
  private static OkHttpBackend backend;
  private static ProbeClient client;

  @BeforeAll
  static void start() throws Exception {
    Optional<String> unavailable = Http3TestServer.unavailableReason();
    if (unavailable.isPresent()) {
      System.out.println("Http3ExchangeTest skipped: Netty's native QUIC library does not load here: "
          + unavailable.get());
    }
    assumeThat(unavailable).isEmpty();
    server = Http3TestServer.start(CERT);
    server.respond("/", 200, "hello over h3\n", Map.of("x-served-by", "http3-test"))
        .respond("/old", 301, "", Map.of("location", "/new"))
        .respond("/new", 200, "moved here\n", Map.of())
        .respond("/busy", 503, "try later\n", Map.of("retry-after", "1"))
        .respond("/echo", 201, "created\n", Map.of());
    named = Http3TestServer.start(NAMED);
    named.respond("/", 204, "", Map.of());
    backend = new OkHttpBackend(trusting(CERT, NAMED));
    client = Probes.builder().backend(backend).timeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
      backend.close();
      server.close();
      named.close();
    }
  }

  static X509ExtendedTrustManager trusting(LocalCertificate... certificates) {
    HandshakeCertificates.Builder b = new HandshakeCertificates.Builder();
    for (LocalCertificate c : certificates) {
      b.addTrustedCertificate(c.certificate());
    }
    return (X509ExtendedTrustManager) b.build().trustManager();
  }

  @Test
  void aGetReportsHttp3TheStatusHeadersBodyTlsAndPhases() {
    HttpProbeResult r = client.http(server.url("/").toString()).method("GET").http3(true)
        .failIfBodyNotMatches("hello over h3").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.status()).contains(200);
    assertThat(r.version()).contains(HttpVersion.HTTP_3);
    assertThat(r.headers().first("x-served-by")).contains("http3-test");
    assertThat(r.headers().first("content-length")).contains("14");
    assertThat(r.remote()).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    assertThat(r.body()).hasValueSatisfying(b -> assertThat(b.decodedBytes()).isEqualTo(14));
    TlsInfo tls = r.tls().orElseThrow();
    assertThat(tls.protocol()).isEqualTo("TLSv1.3");
    assertThat(tls.cipherSuite()).startsWith("TLS_");
    assertThat(tls.alpn()).contains("h3");
    assertThat(tls.implementation()).isEqualTo(TlsImplementation.QUIC);
    assertThat(tls.verified()).isTrue();
    assertThat(tls.leaf()).hasValueSatisfying(c -> assertThat(c.subject()).contains("127.0.0.1"));
    var t = r.finalHop().orElseThrow().timings();
    assertThat(t.nameLookup()).isZero();
    assertThat(t.connect()).isPositive().isEqualTo(t.tlsHandshake().orElseThrow());
    assertThat(t.firstByte()).isGreaterThanOrEqualTo(t.requestSent());
    assertThat(t.total()).isGreaterThanOrEqualTo(t.firstByte());
    Http3TestServer.Request seen = server.requests().get(server.requests().size() - 1);
    assertThat(seen.method()).isEqualTo("GET");
    assertThat(seen.authority()).isEqualTo("127.0.0.1:" + server.port());
    assertThat(seen.headers()).containsEntry("user-agent", "netprobe/0.1").containsEntry("accept-encoding", "identity");
  }

  @Test
  void theCoresPolicyFollowsARedirectOverHttp3() {
    HttpProbeResult r = client.http(server.url("/old").toString()).http3(true).followRedirects().run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.hops()).extracting(h -> h.status()).containsExactly(301, 200);
    assertThat(r.hops()).extracting(h -> h.version()).containsOnly(HttpVersion.HTTP_3);
    assertThat(r.finalUrl()).isEqualTo(server.url("/new"));
  }

  @Test
  void notFoundAndUnavailableAreResponsesLikeAnyOther() {
    HttpProbeResult missing = client.http(server.url("/nothing-here").toString()).http3(true).run();
    assertThat(missing.status()).contains(404);
    assertThat(missing.version()).contains(HttpVersion.HTTP_3);
    HttpProbeResult busy = client.http(server.url("/busy").toString()).method("GET").http3(true).run();
    assertThat(busy.status()).contains(503);
    assertThat(busy.headers().first("retry-after")).contains("1");
  }

  @Test
  void aPostCarriesItsBodyAndTheAsyncPathWorksToo() throws Exception {
    HttpProbeResult r = client.http(server.url("/echo").toString()).method("POST").http3(true)
        .body("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json").runAsync().get();
    assertThat(r.status()).contains(201);
    Http3TestServer.Request seen = server.requests().stream().filter(q -> q.path().equals("/echo")).findFirst()
        .orElseThrow();
    assertThat(new String(seen.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    assertThat(seen.headers()).containsEntry("content-type", "application/json");
  }

  @Test
  void aPeerThatNeverAnswersTimesOutAtTheDeadline() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      long start = System.nanoTime();
      HttpProbeResult r = client.http("https://127.0.0.1:" + silent.getLocalPort() + "/").http3(true)
          .timeout(Duration.ofMillis(400)).run();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(r.failure()).hasValueSatisfying(f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(f.message()).contains("no QUIC handshake");
      });
      assertThat(millis).isBetween(350L, 900L);
    }
  }

  @Test
  void nothingListeningIsRefusedByIcmpLongBeforeTheDeadline() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      port = probe.getLocalPort();
    }
    long start = System.nanoTime();
    HttpProbeResult r = client.http("https://127.0.0.1:" + port + "/").http3(true).timeout(Duration.ofSeconds(3))
        .runAsync().get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED));
    assertThat(millis).isLessThan(1_000L);
  }

  @Test
  void anUntrustedCertificateFailsTheHandshakeTypedAndInsecureStillReportsIt() {
    try (ProbeClient strict = Probes.builder().backend(new OkHttpBackend(trusting(NAMED)))
        .timeout(Duration.ofSeconds(5)).build()) {
      HttpProbeResult r = strict.http(server.url("/").toString()).http3(true).run();
      assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(FailureKind.TLS_UNTRUSTED));
      HttpProbeResult insecure = strict.http(server.url("/").toString()).http3(true).insecure().run();
      assertThat(insecure.status()).contains(200);
      assertThat(insecure.tls().orElseThrow().problems()).contains(TlsProblem.UNTRUSTED_ISSUER);
    }
  }

  @Test
  void aCertificateForAnotherNameIsAHostnameMismatchUnlessTheServerNameIsGiven() {
    String url = named.url("/").toString();
    HttpProbeResult r = client.http(url).http3(true).run();
    assertThat(r.failure()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(FailureKind.TLS_HOSTNAME_MISMATCH));
    HttpProbeResult byName = client.http(url).http3(true).serverName("h3.netprobe.test").run();
    assertThat(byName.failure()).isEmpty();
    assertThat(byName.status()).contains(204);
    assertThat(named.requests()).isNotEmpty();
  }

  @Test
  void aPinnedNameIsTheServerNameAndTheAuthority() {
    HttpProbeResult r = client.http("https://h3.netprobe.test:" + named.port() + "/").http3(true)
        .resolve("h3.netprobe.test", "127.0.0.1").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.status()).contains(204);
    assertThat(r.remote()).contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), named.port()));
    assertThat(named.requests().get(named.requests().size() - 1).authority())
        .isEqualTo("h3.netprobe.test:" + named.port());
  }

  @Test
  void headersGoInLowerCaseAndConnectionHeadersAreLeftOut() {
    HttpProbeResult r = client.http(server.url("/").toString()).http3(true).header("X-Probe-Id", "abc")
        .header("Connection", "close").header("Accept", "text/plain").run();
    assertThat(r.status()).contains(200);
    Http3TestServer.Request seen = server.requests().get(server.requests().size() - 1);
    assertThat(seen.method()).isEqualTo("HEAD");
    assertThat(seen.authority()).isEqualTo("127.0.0.1:" + server.port());
    assertThat(seen.headers()).containsEntry("x-probe-id", "abc").containsEntry("accept", "text/plain")
        .doesNotContainKeys("connection", "host", "Host");
  }

  @Test
  void aCaFileIsTrustedInsteadOfTheJvmsStore(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), CERT.pem());
    try (OkHttpBackend defaults = new OkHttpBackend();
        ProbeClient c = Probes.builder().backend(defaults).timeout(Duration.ofSeconds(5)).build()) {
      assertThat(c.http(server.url("/").toString()).http3(true).run().failure())
          .hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(FailureKind.TLS_UNTRUSTED));
      assertThat(c.http(server.url("/").toString()).http3(true).caFile(ca).run().status()).contains(200);
    }
  }

  @Test
  void onlyHttpsAndTls13CanGoOverHttp3() {
    HttpProbeResult plain = client.http("http://127.0.0.1:" + server.port() + "/").http3(true).run();
    assertThat(plain.failure()).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
      assertThat(f.message()).contains("only https URLs");
    });
    HttpProbeResult tls12 = client.http(server.url("/").toString()).http3(true)
        .tlsVersions(null, TlsVersion.TLS_1_2).run();
    assertThat(tls12.failure()).hasValueSatisfying(f -> assertThat(f.message()).contains("QUIC needs TLS 1.3"));
  }

  @Test
  void theEventLoopThreadEndsWhenTheBackendCloses() throws Exception {
    OkHttpBackend own = new OkHttpBackend(trusting(CERT));
    long before = loopThreads();
    try (ProbeClient c = Probes.builder().backend(own).timeout(Duration.ofSeconds(5)).build()) {
      assertThat(c.http(server.url("/").toString()).http3(true).run().status()).contains(200);
    }
    assertThat(loopThreads()).isEqualTo(before + 1);
    own.close();
    long until = System.nanoTime() + 2_000_000_000L;
    while (loopThreads() > before && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(loopThreads()).isEqualTo(before);
    HttpProbeResult after = Probes.builder().backend(own).timeout(Duration.ofSeconds(1)).build()
        .http(server.url("/").toString()).http3(true).run();
    assertThat(after.failure()).hasValueSatisfying(f -> assertThat(f.kind()).isEqualTo(FailureKind.CANCELLED));
  }

  private static long loopThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("netprobe-http3") && t.isAlive()).count();
  }

  @Test
  void whereTheNativeQuicLibraryCannotLoadTheProbeFailsTyped() {
    Http3Support.pretendUnavailable("Netty's native QUIC library does not load on test/arch: (pretended)");
    try {
      HttpProbeResult r = client.http(server.url("/").toString()).http3(true).run();
      assertThat(r.failure()).hasValueSatisfying(f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.UNSUPPORTED_PLATFORM);
        assertThat(f.message()).contains("over HTTP/3", "(pretended)");
      });
      // HTTP/1.1 and HTTP/2 probes are not affected
      assertThat(client.http("http://127.0.0.1:1/").run().failure()).hasValueSatisfying(f ->
          assertThat(f.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED));
    } finally {
      Http3Support.pretendUnavailable(null);
    }
  }

  @Test
  void aClientCertificateIsPresentedToAServerThatRequiresOne(@TempDir Path dir) throws Exception {
    okhttp3.tls.HeldCertificate clientCert = new okhttp3.tls.HeldCertificate.Builder().commonName("probe client")
        .build();
    Path certFile = Files.writeString(dir.resolve("client.pem"), clientCert.certificatePem());
    Path keyFile = Files.writeString(dir.resolve("client.key"), clientCert.privateKeyPkcs8Pem());
    try (Http3TestServer mutual = Http3TestServer.start(CERT, clientCert.certificate())) {
      mutual.respond("/", 200, "hello client\n", Map.of());
      HttpProbeResult without = client.http(mutual.url("/").toString()).http3(true).run();
      assertThat(without.failure()).hasValueSatisfying(f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
        assertThat(f.message()).contains("TLS alert 116 (certificate_required)");
      });
      HttpProbeResult with = client.http(mutual.url("/").toString()).http3(true)
          .clientCertificate(certFile, keyFile, null).run();
      assertThat(with.failure()).isEmpty();
      assertThat(with.status()).contains(200);
    }
  }
}
