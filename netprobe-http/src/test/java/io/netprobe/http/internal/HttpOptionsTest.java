package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.core.IpPreference;
import io.netprobe.core.IpProtocol;
import io.netprobe.http.HttpAssertion;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpVersion;
import io.netprobe.internal.SystemResolver;
import io.netprobe.text.ClassicText;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Methods, content, credentials, proxy, certificates, compression and assertions against MockWebServer. */
class HttpOptionsTest {
  private static final String PASSWORD = "s3cr3t-pw-71";
  private static final String TOKEN = "tok-ABC-9981";
  private final MockWebServer server = new MockWebServer();
  private final ProbeClient client = Probes.builder().backend(new OkHttpBackend(TestPki.trust()))
      .timeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() {
    server.close();
  }

  private String start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    return "http://127.0.0.1:" + server.getPort();
  }

  private RecordedRequest taken() throws InterruptedException {
    return server.takeRequest(2, TimeUnit.SECONDS);
  }

  @Test
  void postsTheBodyWithBasicCredentialsAndNeverShowsThePassword() throws Exception {
    String base = start();
    server.enqueue(new MockResponse.Builder().code(201).body("created").build());
    HttpProbeResult r = client.http(base + "/items").method("post")
        .body("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json")
        .basicAuth("alice", PASSWORD).run();
    RecordedRequest req = taken();
    assertThat(req.getMethod()).isEqualTo("POST");
    assertThat(req.getBody().utf8()).isEqualTo("{\"a\":1}");
    assertThat(req.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(req.getHeaders().get("Authorization")).isEqualTo("Basic "
        + java.util.Base64.getEncoder().encodeToString(("alice:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    assertThat(r.status()).contains(201);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.toString()).doesNotContain(PASSWORD).contains("alice");
    assertThat(ClassicText.render(r)).doesNotContain(PASSWORD);
  }

  @Test
  void sendsABearerTokenAndNeverShowsIt() throws Exception {
    String base = start();
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpProbeResult r = client.http(base + "/").method("GET").bearerToken(TOKEN).run();
    assertThat(taken().getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.toString()).doesNotContain(TOKEN);
    assertThat(r.spec().toString()).doesNotContain(TOKEN).contains("<redacted>");
  }

  @Test
  void a303AfterPostIsFollowedWithGetAndNoBody() throws Exception {
    String base = start();
    server.enqueue(new MockResponse.Builder().code(303).addHeader("Location", "/done").build());
    server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
    HttpProbeResult r = client.http(base + "/form").method("POST").body("x=1".getBytes(StandardCharsets.UTF_8),
        "application/x-www-form-urlencoded").followRedirects().run();
    assertThat(taken().getMethod()).isEqualTo("POST");
    RecordedRequest second = taken();
    assertThat(second.getMethod()).isEqualTo("GET");
    assertThat(second.getBodySize()).isZero();
    assertThat(r.hops()).extracting(h -> h.method()).containsExactly("POST", "GET");
  }

  @Test
  void bodyAndHeaderAndJsonAssertionsSayWhichFailedAndOnWhat() throws Exception {
    String base = start();
    String json = "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"db\",\"ok\":false}]}";
    for (int i = 0; i < 2; i++) {
      server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
          .addHeader("Set-Cookie", "session=abc123secret; Path=/").body(json).build());
    }
    HttpProbeResult passing = client.http(base + "/health").method("GET")
        .expectStatus(200, 204).expectVersion(HttpVersion.HTTP_1_1)
        .failIfBodyNotMatches("\"checks\"").failIfHeaderNotMatches("content-type", "^application/json", false)
        .expectJsonPath("$.checks[0].name", "^db$").run();
    assertThat(passing.failure()).isEmpty();
    assertThat(passing.assertions()).hasSize(5).allMatch(a -> a.passed());

    HttpProbeResult failing = client.http(base + "/health").method("GET")
        .failIfHeaderMatches("Set-Cookie", "session=", false)
        .expectJsonPath("$.status", "^UP$").failIfBodyMatches("DOWN").run();
    assertThat(failing.failure()).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.ASSERTION_FAILED);
      assertThat(f.message()).startsWith("fail_if_header_matches Set-Cookie");
    });
    assertThat(failing.assertions()).extracting(a -> a.passed()).containsExactly(false, false, false);
    assertThat(failing.assertions().get(0).observed()).contains("session=<redacted>").doesNotContain("abc123secret");
    assertThat(failing.assertions().get(1).observed()).isEqualTo("\"DOWN\"");
    assertThat(failing.assertions().get(2).observed()).contains("\"status\":\"DOWN\"");
    assertThat(failing.toString()).doesNotContain("abc123secret");
  }

  @Test
  void statusVersionAndJsonPathOnNonJsonFail() throws Exception {
    String base = start();
    server.enqueue(new MockResponse.Builder().code(503).body("<html>down</html>").build());
    HttpProbeResult r = client.http(base + "/").method("GET").expectStatus(200)
        .expectVersion(HttpVersion.HTTP_2).expectJsonPath("$.status", "UP").run();
    assertThat(r.failure().get().message()).isEqualTo("valid_status_codes [200] failed on status 503");
    assertThat(r.assertions().get(1).observed()).isEqualTo("HTTP/1.1");
    assertThat(r.assertions().get(2).observed()).isEqualTo("the body is not JSON");
  }

  @Test
  void aBodyCheckOfTheCallerSeesTheDecodedBodyAndSaysWhatFailed() throws Exception {
    String base = start();
    server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"DOWN\"}").build());
    server.enqueue(new MockResponse.Builder().code(200).body("{\"status\":\"UP\"}").build());
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.netprobe.http.HttpAssertion check = new io.netprobe.http.HttpAssertion.BodyCheck("status is UP", body -> {
      seen.add(body);
      return body.contains("UP") ? java.util.Optional.empty() : java.util.Optional.of("status\nis DOWN");
    });
    HttpProbeResult down = client.http(base + "/").method("GET").assertion(check).run();
    assertThat(down.failure().get().kind()).isEqualTo(FailureKind.ASSERTION_FAILED);
    assertThat(down.failedAssertion().get().describe()).startsWith("status is UP");
    assertThat(down.failedAssertion().get().observed()).isEqualTo("status\\nis DOWN");
    HttpProbeResult up = client.http(base + "/").method("GET").assertion(check).run();
    assertThat(up.failure()).isEmpty();
    assertThat(seen).containsExactly("{\"status\":\"DOWN\"}", "{\"status\":\"UP\"}");
  }

  @Test
  void headProbesHaveNoBodyToAssertOn() throws Exception {
    String base = start();
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpProbeResult r = client.http(base + "/").failIfBodyMatches("x").run();
    assertThat(r.failedAssertion().get().observed()).isEqualTo("no body was read (method HEAD)");
  }

  @Test
  void compressionAsksForGzipAndReportsBothLengths() throws Exception {
    String base = start();
    byte[] plain = "hello ".repeat(200).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(plain);
    }
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "gzip")
        .body(new Buffer().write(zipped.toByteArray())).build());
    HttpProbeResult r = client.http(base + "/").method("GET").compression("gzip").failIfBodyNotMatches("^hello")
        .run();
    assertThat(taken().getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
    assertThat(r.failure()).isEmpty();
    assertThat(r.body()).hasValueSatisfying(b -> {
      assertThat(b.wireBytes()).isEqualTo(zipped.size());
      assertThat(b.decodedBytes()).isEqualTo(plain.length);
      assertThat(b.contentEncoding()).contains("gzip");
    });
  }

  @Test
  void brotliIsAskedForAndDecoded() throws Exception {
    String base = start();
    // made with Debian's brotli 1.0.9: printf 'hello brotli %.0s' $(seq 200) | brotli -q 11
    byte[] br;
    try (var in = HttpOptionsTest.class.getResourceAsStream("hello-brotli.txt.br")) {
      br = in.readAllBytes();
    }
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "br")
        .body(new Buffer().write(br)).build());
    HttpProbeResult r = client.http(base + "/").method("GET").compression("br")
        .failIfBodyNotMatches("^(hello brotli ){200}$").run();
    assertThat(taken().getHeaders().get("Accept-Encoding")).isEqualTo("br");
    assertThat(r.failure()).as(r.toString()).isEmpty();
    assertThat(r.body()).hasValueSatisfying(b -> {
      assertThat(b.wireBytes()).isEqualTo(br.length);
      assertThat(b.decodedBytes()).isEqualTo("hello brotli ".length() * 200);
      assertThat(b.contentEncoding()).contains("br");
    });
  }

  @Test
  void severalCodingsAreAskedForLikeCurlCompressedAndTheChosenOneIsDecoded() throws Exception {
    String base = start();
    byte[] br;
    try (var in = HttpOptionsTest.class.getResourceAsStream("hello-brotli.txt.br")) {
      br = in.readAllBytes();
    }
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "br")
        .body(new Buffer().write(br)).build());
    HttpProbeResult r = client.http(base + "/").method("GET").compression("gzip,deflate, br").run();
    assertThat(taken().getHeaders().get("Accept-Encoding")).isEqualTo("gzip, deflate, br");
    assertThat(r.body().get().decodedBytes()).isEqualTo("hello brotli ".length() * 200);
    assertThat(r.body().get().contentEncoding()).contains("br");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.http(base + "/").compression("zstd"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("br");
  }

  @Test
  void aCorruptBrotliBodyIsATypedFailure() throws Exception {
    String base = start();
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Encoding", "br")
        .body(new Buffer().write(new byte[] {(byte) 0xff, (byte) 0xff, 0x12, 0x34, 0x56, 0x78, 0x00, 0x01})).build());
    HttpProbeResult r = client.http(base + "/").method("GET").compression("br").run();
    assertThat(r.failure()).as(r.toString()).isPresent();
    assertThat(r.failure().get().message()).contains("Brotli stream decoding failed");
  }

  @Test
  void aBodyOverTheSizeLimitFails() throws Exception {
    String base = start();
    server.enqueue(new MockResponse.Builder().code(200).body("x".repeat(2000)).build());
    HttpProbeResult r = client.http(base + "/").method("GET").bodySizeLimit(1000).run();
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.ASSERTION_FAILED);
    assertThat(r.failure().get().message()).contains("body_size_limit 1000");
    assertThat(r.body().get().truncated()).isTrue();
  }

  @Test
  void goesThroughAProxyWithCredentialsThatNeverShow() throws Exception {
    String proxy = start();
    server.enqueue(new MockResponse.Builder().code(200).body("via proxy").build());
    String proxyUrl = proxy.replace("http://", "http://bob:" + PASSWORD + "@");
    HttpProbeResult r = client.http("http://origin.test/page").method("GET").proxy(proxyUrl).run();
    RecordedRequest req = taken();
    assertThat(req.getRequestLine()).isEqualTo("GET http://origin.test/page HTTP/1.1");
    assertThat(req.getHeaders().get("Proxy-Authorization")).isEqualTo("Basic "
        + java.util.Base64.getEncoder().encodeToString(("bob:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    assertThat(r.status()).contains(200);
    assertThat(r.remote().get().getPort()).isEqualTo(server.getPort());
    assertThat(r.toString()).doesNotContain(PASSWORD).contains("bob:<redacted>@");
  }

  @Test
  void tunnelsHttpsThroughAConnectProxyWithPreemptiveCredentials() throws Exception {
    HeldCertificate leaf = TestPki.leaf("example.test");
    server.useHttps(TestPki.serverFactory(leaf));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse.Builder().code(200).body("secret page").build());
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("bob:" + PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    try (ConnectProxy proxy = new ConnectProxy(basic)) {
      // the origin's name resolves only at the proxy (it connects to 127.0.0.1 for it): the probe never looks it up
      HttpProbeResult r = client.http("https://127.0.0.1:" + server.getPort() + "/").method("GET")
          .proxy("http://bob:" + PASSWORD + "@127.0.0.1:" + proxy.port()).insecure().run();
      assertThat(r.failure()).isEmpty();
      assertThat(r.status()).contains(200);
      assertThat(r.tls()).isPresent();
      assertThat(r.remote().get().getPort()).isEqualTo(proxy.port());
      assertThat(proxy.heads).hasSize(1);
      assertThat(proxy.heads.get(0)).startsWith("CONNECT 127.0.0.1:" + server.getPort() + " HTTP/1.1")
          .contains("Proxy-Authorization: " + basic);
      assertThat(taken().getHeaders().get("Proxy-Authorization")).as("not leaked to the origin").isNull();

      HttpProbeResult wrong = client.http("https://127.0.0.1:" + server.getPort() + "/")
          .proxy("http://bob:wrong@127.0.0.1:" + proxy.port()).insecure().run();
      assertThat(wrong.isSuccess()).isFalse();
      assertThat(wrong.toString()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void presentsTheClientCertificateAndTrustsTheCaFile(@TempDir Path dir) throws Exception {
    HeldCertificate clientCert = new HeldCertificate.Builder().commonName("probe-client").signedBy(TestPki.ROOT)
        .build();
    Path cert = Files.writeString(dir.resolve("client.pem"), clientCert.certificatePem());
    Path key = Files.writeString(dir.resolve("client.key"), clientCert.privateKeyPkcs8Pem());
    Path ca = Files.writeString(dir.resolve("ca.pem"), TestPki.ROOT.certificatePem());
    HeldCertificate leaf = TestPki.leaf("example.test");
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, TestPki.ROOT.certificate())
        .addTrustedCertificate(TestPki.ROOT.certificate()).build().sslSocketFactory());
    server.requireClientAuth();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse.Builder().code(200).build());
    ProbeClient systemTrust = Probes.builder().backend(new OkHttpBackend(null, SystemResolver::resolve,
        new TlsStack(io.netprobe.http.TlsImplementation.JDK, ConscryptSupport::await)))
        .timeout(Duration.ofSeconds(5)).build();
    String url = "https://example.test:" + server.getPort() + "/";
    HttpProbeResult r = systemTrust.http(url).resolve("example.test", "127.0.0.1").caFile(ca)
        .clientCertificate(cert, key, null).run();
    assertThat(r.failure()).isEmpty();
    assertThat(taken().getHandshake().peerPrincipal().getName()).isEqualTo("CN=probe-client");

    HttpProbeResult untrusted = systemTrust.http(url).resolve("example.test", "127.0.0.1")
        .clientCertificate(cert, key, null).run();
    assertThat(untrusted.failure().get().kind()).isEqualTo(FailureKind.TLS_UNTRUSTED);
  }

  @Test
  void readsAKeyEncryptedByOpensslWithItsPasswordAndNamesAWrongOne(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no openssl");
    HeldCertificate clientCert = new HeldCertificate.Builder().commonName("encrypted-key-client")
        .signedBy(TestPki.ROOT).build();
    Path cert = Files.writeString(dir.resolve("client.pem"), clientCert.certificatePem());
    Path plain = Files.writeString(dir.resolve("plain.key"), clientCert.privateKeyPkcs8Pem());
    Path key = dir.resolve("client.key");
    Process p = new ProcessBuilder("/usr/bin/openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in",
        plain.toString(), "-out", key.toString(), "-passout", "pass:" + PASSWORD).redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0).as("openssl pkcs8").isTrue();
    assertThat(Files.readString(key)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    HeldCertificate leaf = TestPki.leaf("example.test");
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf, TestPki.ROOT.certificate())
        .addTrustedCertificate(TestPki.ROOT.certificate()).build().sslSocketFactory());
    server.requireClientAuth();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse.Builder().code(200).build());
    String url = "https://example.test:" + server.getPort() + "/";
    HttpProbeResult r = client.http(url).resolve("example.test", "127.0.0.1").clientCertificate(cert, key, PASSWORD)
        .run();
    assertThat(r.failure()).isEmpty();
    assertThat(taken().getHandshake().peerPrincipal().getName()).isEqualTo("CN=encrypted-key-client");
    HttpProbeResult wrong = client.http(url).resolve("example.test", "127.0.0.1")
        .clientCertificate(cert, key, "not-" + PASSWORD).run();
    assertThat(wrong.failure().get().message()).contains("cannot decrypt the key").doesNotContain(PASSWORD);
    assertThat(r.toString() + wrong.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void anUnreadableCaFileIsATypedFailure(@TempDir Path dir) throws Exception {
    HttpProbeResult r = client.http("https://127.0.0.1:9/").caFile(dir.resolve("missing.pem")).run();
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
    assertThat(r.failure().get().message()).contains("missing.pem");
  }

  @Test
  void aSourceAddressTheMachineDoesNotHaveIsAClearError() throws Exception {
    String base = start();
    HttpProbeResult r = client.http(base + "/").sourceAddress("192.0.2.123").run();
    assertThat(r.failure().get().message()).contains("cannot use source address 192.0.2.123");
  }

  @Test
  void ipPreferenceWithoutTheFamilyAndWithoutFallbackFindsNoAddress() throws Exception {
    String base = start();
    HttpProbeResult r = client.http(base.replace("127.0.0.1", "localhost") + "/")
        .ipPreference(IpPreference.only(IpProtocol.IP6)).run();
    List<InetAddress> all = List.of(InetAddress.getAllByName("localhost"));
    if (all.stream().noneMatch(a -> a instanceof java.net.Inet6Address)) {
      assertThat(r.failure().get().kind()).isEqualTo(FailureKind.NAME_NOT_FOUND);
      assertThat(r.failure().get().message()).contains("localhost has no IPv6 address");
    }
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpProbeResult fallback = client.http(base.replace("127.0.0.1", "localhost") + "/")
        .ipPreference(IpPreference.prefer(IpProtocol.IP4)).run();
    assertThat(fallback.remote().get().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void assertionsAreValidatedWhenMade() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.http("http://a.test/").failIfBodyMatches("(x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid regular expression: \"(x\"");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.http("http://a.test/").proxy("socks5://p:1"))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.http("http://a.test/")
        .proxy("http://u:" + PASSWORD + "@p.test")).hasMessageNotContaining(PASSWORD);
    assertThat(new HttpAssertion.StatusIn(java.util.Set.of(200)).describe()).isEqualTo("valid_status_codes [200]");
  }
}
