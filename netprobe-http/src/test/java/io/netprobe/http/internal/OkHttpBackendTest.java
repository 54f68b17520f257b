package io.netprobe.http.internal;

import static io.netprobe.testing.contract.ContractAssertions.returnsByDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.core.ProbeFailure;
import io.netprobe.Probes;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import io.netprobe.internal.SystemResolver;
import io.netprobe.testing.OpenSockets;
import io.netprobe.text.ClassicText;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Protocol;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The OkHttp backend against MockWebServer on loopback: versions, TLS, timings and every way a server can fail. Every
 * case runs twice, with Conscrypt and with the JDK making the TLS handshakes.
 */
@ParameterizedClass(name = "TLS by {0}")
@EnumSource(value = TlsImplementation.class, names = {"CONSCRYPT", "JDK"})
class OkHttpBackendTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final TlsImplementation tlsImplementation;
  private final OkHttpBackend backend;
  private final ProbeClient client;
  private final MockWebServer server = new MockWebServer();

  OkHttpBackendTest(TlsImplementation tlsImplementation) {
    this.tlsImplementation = tlsImplementation;
    this.backend = new OkHttpBackend(TestPki.trust(), OkHttpBackend.SYSTEM,
        new TlsStack(tlsImplementation, ConscryptSupport::await), null, engineHttp());
    this.client = Probes.builder().backend(backend).timeout(TIMEOUT).build();
  }

  /**
   * Whether plain-HTTP exchanges run on the engine's loops ({@link EngineHttpBackendTest}) rather than on OkHttp
   * (here); read by the constructor.
   */
  protected boolean engineHttp() {
    return false;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String startHttp() throws IOException {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return "http://127.0.0.1:" + server.getPort();
  }

  /** HTTPS with {@code certificate}, h2 and http/1.1 offered; the URL uses example.test, resolved to loopback. */
  private String startHttps(HeldCertificate certificate) throws IOException {
    server.useHttps(TestPki.serverFactory(certificate));
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return "https://example.test:" + server.getPort();
  }

  private HttpProbeResult head(String url) {
    return client.http(url).resolve("example.test", "127.0.0.1").run();
  }

  @Test
  void http11HeadKeepsHeaderOrderRepeatsAndTheConnectedAddress() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Server", "nginx/1.22.1")
        .addHeader("Set-Cookie", "a=1").addHeader("X-Order", "first").addHeader("Set-Cookie", "b=2").build());
    HttpProbeResult r = client.http(base + "/page?q=1").run();
    assertThat(r.failure()).isEmpty();
    HttpHop hop = r.finalHop().orElseThrow();
    assertThat(hop.version()).isEqualTo(HttpVersion.HTTP_1_1);
    assertThat(hop.reason()).isEqualTo("OK");
    assertThat(hop.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(r.headers().all("set-cookie")).containsExactly("a=1", "b=2");
    assertThat(r.headers().names()).containsSubsequence("server", "set-cookie", "x-order");
    assertThat(r.headers().first("SERVER")).contains("nginx/1.22.1");
    assertThat(r.remote()).hasValueSatisfying(a -> {
      assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(a.getPort()).isEqualTo(server.getPort());
    });
    assertThat(r.tls()).isEmpty();
    assertThat(hop.timings().tlsHandshake()).isEmpty();
    assertThat(r.originHints()).anySatisfy(h -> assertThat(h.technology()).isEqualTo("nginx/1.22.1"));
    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getMethod()).isEqualTo("HEAD");
    assertThat(sent.getTarget()).isEqualTo("/page?q=1");
    assertThat(sent.getHeaders().get("User-Agent")).startsWith("netprobe/");
    assertThat(sent.getHeaders().get("Accept-Encoding")).isEqualTo("identity");
  }

  @Test
  void ipv6LiteralAndHttp10Responses() throws Exception {
    server.start(InetAddress.getByName("::1"), 0);
    server.enqueue(new MockResponse.Builder().status("HTTP/1.0 200 OK").build());
    HttpProbeResult r = client.http("http://[::1]:" + server.getPort() + "/").run();
    assertThat(r.version()).contains(HttpVersion.HTTP_1_0);
    assertThat(r.remote().orElseThrow().getAddress().getHostAddress()).isIn("0:0:0:0:0:0:0:1", "::1");
  }

  @Test
  void hostNamesGoThroughTheSystemResolverAndFallBackAcrossAddresses() throws Exception {
    String base = startHttp().replace("127.0.0.1", "localhost"); // /etc/hosts: ::1 refused, then 127.0.0.1
    server.enqueue(new MockResponse.Builder().code(204).build());
    HttpProbeResult r = client.http(base + "/").run();
    assertThat(r.status()).contains(204);
    assertThat(r.remote().orElseThrow().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(r.finalUrl().getHost()).isEqualTo("localhost");
  }

  @Test
  void unknownNamesAreNameNotFoundAndResolveBypassesTheResolver() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().code(200).build());
    List<String> asked = new ArrayList<>();
    OkHttpBackend nxdomain = new OkHttpBackend(TestPki.trust(), (host, deadline) -> {
      asked.add(host.ascii());
      return new SystemResolver.Resolution(List.of(), ProbeFailure.of(FailureKind.NAME_NOT_FOUND,
          "no such name: " + host.ascii()));
    });
    ProbeClient offline = Probes.builder().backend(nxdomain).build();
    HttpProbeResult missing = offline.http("http://gone.example.test:" + server.getPort() + "/").run();
    assertThat(missing.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(missing.failure().orElseThrow().message()).contains("gone.example.test");
    HttpProbeResult pinned = offline.http("http://app.example.test:" + server.getPort() + "/")
        .resolve("app.example.test", "127.0.0.1").run();
    assertThat(pinned.status()).contains(200);
    assertThat(asked).containsExactly("gone.example.test");
  }

  @Test
  void tcpResetIsAReset() throws Exception {
    HttpProbeResult r = againstRawServer(s -> {
      s.getInputStream().read(new byte[1024]);
      s.setSoLinger(true, 0); // close with RST instead of FIN
    });
    assertThat(r.failureKind()).contains(FailureKind.CONNECTION_RESET);
  }

  @Test
  void http2OverTlsReportsAlpnTheChainAsSentAndRealPhases() throws Exception {
    String base = startHttps(TestPki.leaf("example.test"));
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpProbeResult r = head(base + "/");
    assertThat(r.failure()).isEmpty();
    assertThat(r.version()).contains(HttpVersion.HTTP_2);
    assertThat(r.finalHop().orElseThrow().statusLine()).isEqualTo("HTTP/2 200");
    TlsInfo tls = r.tls().orElseThrow();
    assertThat(tls.protocol()).startsWith("TLSv1.");
    assertThat(tls.cipherSuite()).startsWith("TLS_");
    assertThat(tls.alpn()).contains("h2");
    assertThat(tls.implementation()).isEqualTo(tlsImplementation);
    assertThat(tls.verified()).isTrue();
    assertThat(tls.chain()).hasSize(2);
    assertThat(tls.leaf().orElseThrow().subject()).contains("CN=example.test");
    assertThat(tls.leaf().orElseThrow().subjectAlternativeNames()).containsExactly("example.test");
    assertThat(tls.chain().get(1).subject()).contains("netprobe test root");
    assertThat(tls.leaf().orElseThrow().sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(tls.daysUntilLeafExpires(Instant.now())).hasValueSatisfying(d -> assertThat(d).isBetween(9L, 10L));
    assertThat(r.finalHop().orElseThrow().timings().tlsHandshake()).isPresent();
    assertThat(r.finalHop().orElseThrow().timings().tlsPhase()).isPositive();
    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getHandshakeServerNames()).as("SNI carries the URL host, not the address").contains("example.test");
    assertThat(sent.getVersion()).isEqualTo("HTTP/2");
  }

  @Test
  void everyProbeUsesAFreshConnectionAndHandshake() throws Exception {
    String base = startHttps(TestPki.leaf("example.test"));
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    head(base + "/");
    HttpProbeResult second = head(base + "/");
    server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getConnectionIndex()).isEqualTo(1);
    assertThat(second.finalHop().orElseThrow().timings().tlsPhase()).isPositive();
  }

  @Test
  void concurrentProbesToOneHttp2ServerNeverShareAConnection() throws Exception {
    String base = startHttps(TestPki.leaf("example.test"));
    int probes = 17; // more than the backend's connection pools, so some exchanges share a pool
    for (int i = 0; i < probes; i++) {
      server.enqueue(new MockResponse.Builder().code(200).headersDelay(300, TimeUnit.MILLISECONDS).build());
    }
    List<CompletableFuture<HttpProbeResult>> running = new ArrayList<>();
    for (int i = 0; i < probes; i++) {
      running.add(client.http(base + "/").resolve("example.test", "127.0.0.1").runAsync());
    }
    java.util.Set<Integer> connections = new java.util.HashSet<>();
    for (int i = 0; i < probes; i++) {
      assertThat(running.get(i).get(10, TimeUnit.SECONDS).status()).contains(200);
      RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
      assertThat(sent.getVersion()).isEqualTo("HTTP/2");
      connections.add(sent.getConnectionIndex());
    }
    assertThat(connections).as("one connection per probe, none multiplexed").hasSize(probes);
  }

  @Test
  void expiredCertificateFailsTypedAndInsecureStillReportsIt() throws Exception {
    Instant now = Instant.now();
    String base = startHttps(TestPki.leaf(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)),
        "example.test"));
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpProbeResult strict = head(base + "/");
    assertThat(strict.failureKind()).contains(FailureKind.TLS_CERTIFICATE_EXPIRED);
    assertThat(strict.failure().orElseThrow().message()).contains("expired");
    assertThat(strict.hops()).isEmpty();

    HttpProbeResult insecure = client.http(base + "/").resolve("example.test", "127.0.0.1").insecure().run();
    assertThat(insecure.status()).contains(200);
    TlsInfo tls = insecure.tls().orElseThrow();
    assertThat(tls.problems()).contains(TlsProblem.EXPIRED);
    assertThat(tls.verified()).isFalse();
    assertThat(tls.daysUntilLeafExpires(Instant.now())).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(0));
  }

  @Test
  void notYetValidCertificateFailsTyped() throws Exception {
    Instant now = Instant.now();
    String base = startHttps(TestPki.leaf(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)),
        "example.test"));
    assertThat(head(base + "/").failureKind()).contains(FailureKind.TLS_CERTIFICATE_NOT_YET_VALID);
  }

  @Test
  void selfSignedCertificateIsUntrustedAndInsecureStillReportsIt() throws Exception {
    String base = startHttps(TestPki.selfSigned("example.test"));
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpProbeResult strict = head(base + "/");
    assertThat(strict.failureKind()).contains(FailureKind.TLS_UNTRUSTED);
    assertThat(strict.failure().orElseThrow().message()).contains("self-signed");

    HttpProbeResult insecure = client.http(base + "/").resolve("example.test", "127.0.0.1").insecure().run();
    assertThat(insecure.status()).contains(200);
    assertThat(insecure.tls().orElseThrow().problems()).containsExactly(TlsProblem.UNTRUSTED_ISSUER);
    assertThat(insecure.tls().orElseThrow().problemDetail()).hasValueSatisfying(d -> assertThat(d).contains("self"));
  }

  @Test
  void wrongHostCertificateIsAMismatchAndInsecureStillReportsIt() throws Exception {
    String base = startHttps(TestPki.leaf("other.test", "*.example.test"));
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpProbeResult strict = head(base + "/");
    assertThat(strict.failureKind()).contains(FailureKind.TLS_HOSTNAME_MISMATCH);
    assertThat(strict.failure().orElseThrow().message()).contains("example.test").contains("other.test");

    HttpProbeResult insecure = client.http(base + "/").resolve("example.test", "127.0.0.1").insecure().run();
    assertThat(insecure.status()).contains(200);
    assertThat(insecure.tls().orElseThrow().problems()).containsExactly(TlsProblem.HOSTNAME_MISMATCH);
  }

  @Test
  void wildcardCertificateCoversOneLabel() throws Exception {
    String base = startHttps(TestPki.leaf("*.example.test"));
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpProbeResult r = client.http(base.replace("example.test", "www.example.test"))
        .resolve("www.example.test", "127.0.0.1").run();
    assertThat(r.status()).contains(200);
    assertThat(r.tls().orElseThrow().verified()).isTrue();
  }

  @Test
  void failedHandshakeIsATlsHandshakeFailure() throws Exception {
    String base = startHttps(TestPki.leaf("example.test"));
    server.enqueue(new MockResponse.Builder().failHandshake().build());
    assertThat(head(base + "/").failureKind()).contains(FailureKind.TLS_HANDSHAKE);
  }

  @Test
  void stallBeforeHeadersTimesOutByTheDeadlineSayingWhere() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    Duration timeout = Duration.ofMillis(500);
    HttpProbeResult r = returnsByDeadline(timeout, () -> client.http(base + "/").timeout(timeout).run());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.failure().orElseThrow().message()).contains("waiting for the response headers");
  }

  @Test
  void stallAfterTheHandshakeOverHttp2TimesOutByTheDeadlineAndLeavesNothing() throws Exception {
    String base = startHttps(TestPki.leaf("example.test"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    // the first probe loads the TLS classes (it stalls too); the measured one is warm
    client.http(base + "/warm-up").resolve("example.test", "127.0.0.1").timeout(Duration.ofMillis(300)).run();
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    long socketsBefore = OpenSockets.count();
    Duration timeout = Duration.ofMillis(500);
    // OkHttp's HTTP/2 reader thread is inside a TLS read when the deadline closes the connection
    HttpProbeResult r = returnsByDeadline(timeout, () -> client.http(base + "/").resolve("example.test", "127.0.0.1")
        .timeout(timeout).run());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.failure().orElseThrow().message()).contains("waiting for the response headers");
    server.close(); // and with it the server's side of the stalled connections
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (OpenSockets.count() > socketsBefore && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(OpenSockets.count()).as("sockets left open").isLessThanOrEqualTo(socketsBefore);
  }

  @Test
  void serverSilentDuringTheTlsHandshakeTimesOutByTheDeadline() throws Exception {
    try (ServerSocket silent = LoopbackPorts.silent()) {
      Duration timeout = Duration.ofMillis(400);
      String url = "https://example.test:" + silent.getLocalPort() + "/";
      // the first TLS probe in a JVM loads JSSE and the failure path's classes; measure a warm one (on a busy
      // machine loading the libraries outlasts a short probe, which then says "still loading")
      for (int i = 0; i < 50; i++) {
        HttpProbeResult warm = client.http(url).resolve("example.test", "127.0.0.1").timeout(Duration.ofMillis(100))
            .run();
        if (!warm.failure().orElseThrow().message().contains("still loading")) {
          break;
        }
      }
      HttpProbeResult r = returnsByDeadline(timeout, () -> client.http(url).resolve("example.test", "127.0.0.1")
          .timeout(timeout).run());
      assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
      assertThat(r.failure().orElseThrow().message()).contains("TLS handshake");
    }
  }

  @Test
  void slowHeadersShowAsServerTime() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(300, TimeUnit.MILLISECONDS).build());
    HttpProbeResult r = client.http(base + "/").run();
    assertThat(r.status()).contains(200);
    assertThat(r.finalHop().orElseThrow().timings().serverPhase()).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    assertThat(r.finalHop().orElseThrow().timings().firstByte()).isGreaterThanOrEqualTo(Duration.ofMillis(290));
  }

  @Test
  void oneDeadlineCoversAllRedirects() throws Exception {
    String base = startHttp();
    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/hop" + (i + 1))
          .headersDelay(200, TimeUnit.MILLISECONDS).build());
    }
    Duration timeout = Duration.ofMillis(700);
    HttpProbeResult r = returnsByDeadline(timeout, () -> client.http(base + "/").followRedirects().timeout(timeout)
        .run());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.hops()).hasSizeBetween(1, 3);
  }

  @Test
  void disconnectBeforeTheResponseIsAReset() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    HttpProbeResult r = client.http(base + "/").run();
    assertThat(r.failureKind()).contains(FailureKind.CONNECTION_RESET);
  }

  @Test
  void http2StreamResetIsAReset() throws Exception {
    String base = startHttps(TestPki.leaf("example.test"));
    server.enqueue(new MockResponse.Builder().onRequestStart(new SocketEffect.CloseStream(8)).build());
    HttpProbeResult r = head(base + "/");
    assertThat(r.failureKind()).contains(FailureKind.CONNECTION_RESET);
    assertThat(r.failure().orElseThrow().message()).contains("stream");
  }

  @Test
  void tooManyHeadersAreAProtocolError() throws Exception {
    String base = startHttp();
    MockResponse.Builder huge = new MockResponse.Builder().code(200);
    for (int i = 0; i < OkHttpExchange.MAX_HEADER_COUNT + 1; i++) {
      huge.addHeader("X-Filler-" + i, "v");
    }
    server.enqueue(huge.build());
    HttpProbeResult r = client.http(base + "/").run();
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("header lines");
  }

  @Test
  void oversizedHeaderValuesAreAProtocolError() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Big", "x".repeat(OkHttpExchange.MAX_HEADER_BYTES))
        .build());
    assertThat(client.http(base + "/").run().failureKind()).contains(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void headersBeyondWhatOkHttpReadsAreAProtocolErrorToo() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Huge", "x".repeat(300 * 1024)).build());
    HttpProbeResult r = client.http(base + "/").run();
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("header");
  }

  @Test
  void notHttpAtAllIsAProtocolError() throws Exception {
    HttpProbeResult r = againstRawServer(s -> {
      OutputStream out = s.getOutputStream();
      out.write("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.getInputStream().read(new byte[1024]);
    });
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
  }

  @Test
  void headersThatNeverEndAreAProtocolErrorNotAClosedConnection() throws Exception {
    HttpProbeResult r = againstRawServer(s -> {
      s.getInputStream().read(new byte[1024]);
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] line = "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 200_000; i++) { // ~12 MB, far past every limit; the peer never closes on its own
        out.write(line);
      }
    });
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("headers").doesNotContain("closed the connection");
  }

  @Test
  void headersThatNeverEndOverHttpsAreAProtocolErrorToo() throws Exception {
    HttpProbeResult r = againstRawServer(true, s -> {
      s.getInputStream().read(new byte[1024]);
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] line = "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 200_000; i++) { // ~12 MB inside TLS records; the peer never closes on its own
        out.write(line);
      }
    });
    assertThat(r.hops()).isEmpty();
    assertThat(r.failureKind()).as(r.toString()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("headers").doesNotContain("closed the connection");
  }

  @Test
  void aLineThatNeverEndsIsAProtocolError() throws Exception {
    HttpProbeResult r = againstRawServer(s -> {
      s.getInputStream().read(new byte[1024]);
      OutputStream out = s.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nX-Long: ".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = "a".repeat(4096).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 3000; i++) {
        out.write(chunk);
      }
    });
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.failure().orElseThrow().message()).doesNotContain("closed the connection");
  }

  @Test
  void randomBytesAsAReplyAreSummarisedNotEchoed() throws Exception {
    byte[] noise = new byte[512];
    new java.util.Random(19).nextBytes(noise);
    noise[0] = 0;
    noise[1] = 0x1b;
    noise[2] = '\r';
    HttpProbeResult r = againstRawServer(s -> {
      s.getInputStream().read(new byte[1024]);
      s.getOutputStream().write(noise);
      s.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      s.getInputStream().read(new byte[1024]);
    });
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    String message = r.failure().orElseThrow().message();
    assertThat(message.chars().filter(c -> Character.isISOControl(c)).count()).as(message).isZero();
    assertThat(message).hasSizeLessThan(400);
  }

  /** What one socket does on the server side of a raw loopback connection. */
  private interface RawHandler {
    void handle(Socket s) throws IOException;
  }

  /** Probes a loopback listener that accepts one connection and hands it to {@code handler}. */
  private HttpProbeResult againstRawServer(RawHandler handler) throws Exception {
    return againstRawServer(false, handler);
  }

  /**
   * As {@link #againstRawServer(RawHandler)}, over TLS when {@code tls} (http/1.1, a certificate for example.test
   * from the test CA, which the backend trusts): the handler reads and writes inside the TLS session.
   */
  private HttpProbeResult againstRawServer(boolean tls, RawHandler handler) throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread peer = new Thread(() -> {
        try (Socket plain = listener.accept();
            Socket s = tls ? serverTls(plain) : plain) {
          handler.handle(s);
        } catch (IOException ignored) {
          // the client went away: the test is over
        }
      });
      peer.start();
      HttpProbeResult r = tls
          ? client.http("https://example.test:" + listener.getLocalPort() + "/").resolve("example.test", "127.0.0.1")
              .run()
          : client.http("http://127.0.0.1:" + listener.getLocalPort() + "/").run();
      peer.join(2000);
      return r;
    }
  }

  private static Socket serverTls(Socket plain) throws IOException {
    javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) TestPki.serverFactory(TestPki.leaf("example.test"))
        .createSocket(plain, null, plain.getPort(), false);
    tls.setUseClientMode(false);
    tls.startHandshake();
    return tls;
  }

  @Test
  void headRejectedWith501FallsBackToGetReadingOnlyABoundedBody() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().code(501).build());
    server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(4 * 1024 * 1024)).build());
    HttpProbeResult r = client.http(base + "/").run();
    assertThat(r.status()).contains(200);
    assertThat(r.usedGetFallback()).isTrue();
    assertThat(r.hops()).hasSize(1);
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getMethod()).isEqualTo("HEAD");
    assertThat(server.takeRequest(1, TimeUnit.SECONDS).getMethod()).isEqualTo("GET");
  }

  @Test
  void getAndExtraHeadersAreSentAsAsked() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().code(200).body("hello").build());
    HttpProbeResult r = client.http(base + "/").method("GET").header("X-Trace", "abc").run();
    assertThat(r.status()).contains(200);
    assertThat(r.usedGetFallback()).isFalse();
    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getMethod()).isEqualTo("GET");
    assertThat(sent.getHeaders().get("X-Trace")).isEqualTo("abc");
  }

  @Test
  void redirectToAnotherSchemeIsNotFollowed() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "ftp://files.example.test/").build());
    HttpProbeResult r = client.http(base + "/").followRedirects().run();
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.hops()).hasSize(1);
  }

  @Test
  void cloudflareInFrontOfVercelIsDetectedWithColoAndCacheStatus() throws Exception {
    String base = startHttp();
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Server", "cloudflare")
        .addHeader("CF-RAY", "8f1a2b3c4d5e6f70-ICN").addHeader("CF-Cache-Status", "DYNAMIC")
        .addHeader("X-Vercel-Id", "icn1::iad1::abc-123").addHeader("Set-Cookie", "csrftoken=zzz; Path=/").build());
    HttpProbeResult r = client.http(base + "/").run();
    assertThat(r.edge()).hasValueSatisfying(e -> {
      assertThat(e.provider()).isEqualTo(EdgeProvider.CLOUDFLARE);
      assertThat(e.location()).contains("ICN");
      assertThat(e.cacheStatus()).contains("DYNAMIC");
      assertThat(e.requestId()).contains("8f1a2b3c4d5e6f70-ICN");
      assertThat(e.evidence()).contains("server: cloudflare").anySatisfy(s -> assertThat(s).contains("Vercel"));
    });
    assertThat(r.originHints()).anySatisfy(h -> assertThat(h.technology()).isEqualTo("Django"));
    assertThat(ClassicText.render(r)).contains("edge: Cloudflare (ICN), cache DYNAMIC").doesNotContain("zzz");
  }

  @Test
  void noSocketOutlivesItsProbe() throws Exception {
    String base = startHttps(TestPki.leaf("example.test"));
    for (int i = 0; i < 25; i++) {
      server.enqueue(new MockResponse.Builder().code(200).build());
    }
    head(base + "/");
    long before = openSockets();
    for (int i = 0; i < 20; i++) {
      assertThat(head(base + "/").status()).contains(200);
    }
    // MockWebServer closes its side of each connection on its own threads, a moment after the client is done: wait
    // for it (a real leak would leave about 20 sockets open however long we wait).
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    long open = openSockets();
    while (open > before + 1 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      open = openSockets();
    }
    assertThat(open).as("client sockets left open").isLessThanOrEqualTo(before + 1);
  }

  @Test
  void concurrentProbesKeepTheirOwnAnswersTimingsAndTls() throws Exception {
    String base = startHttps(TestPki.leaf("example.test"));
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(200).addHeader("X-Path", request.getTarget()).build();
      }
    });
    List<CompletableFuture<HttpProbeResult>> futures = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      futures.add(client.http(base + "/p" + i).resolve("example.test", "127.0.0.1").runAsync());
    }
    for (int i = 0; i < 40; i++) {
      HttpProbeResult r = futures.get(i).get(20, TimeUnit.SECONDS);
      assertThat(r.headers().first("x-path")).as("probe %d", i).contains("/p" + i);
      assertThat(r.tls().orElseThrow().verified()).isTrue();
      assertThat(r.finalHop().orElseThrow().timings().tlsHandshake()).isPresent();
    }
    assertThat(server.getRequestCount()).isEqualTo(40);
  }

  /** Sockets open in this JVM (MockWebServer's included), from /proc/self/fd. */
  private static long openSockets() throws IOException {
    Thread.yield();
    return OpenSockets.count();
  }
}
