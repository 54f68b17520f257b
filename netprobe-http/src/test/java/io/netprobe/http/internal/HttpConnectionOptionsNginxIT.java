package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import io.netprobe.http.TlsVersion;
import io.netprobe.testing.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS server name, TLS version bounds, HTTP/1.1 only and proxy CONNECT headers against a real nginx: two virtual
 * servers on one port told apart by SNI, a TLS 1.2-only and a TLS 1.3-only server, each compared with curl; on both
 * TLS implementations.
 */
class HttpConnectionOptionsNginxIT {
  private static NginxServer nginx;
  private static int tls12Only;
  private static int tls13Only;
  private static final ProbeClient CLIENT = Probes.builder().backend(new OkHttpBackend())
      .timeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void startNginx() throws Exception {
    Assumptions.assumeTrue(NginxServer.available(), "nginx not installed (apt-get install nginx-light)");
    Assumptions.assumeTrue(Curl.available(), "curl not installed (apt-get install curl)");
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "sni-").toAbsolutePath();
    HeldCertificate sni = TestPki.leaf("sni.test");
    Files.writeString(dir.resolve("sni.pem"), sni.certificatePem() + TestPki.ROOT.certificatePem());
    Files.writeString(dir.resolve("sni.key"), sni.privateKeyPkcs8Pem());
    HeldCertificate versions = TestPki.leaf("versions.test");
    Files.writeString(dir.resolve("v.pem"), versions.certificatePem() + TestPki.ROOT.certificatePem());
    Files.writeString(dir.resolve("v.key"), versions.privateKeyPkcs8Pem());
    tls12Only = FreePorts.tcp();
    tls13Only = FreePorts.tcp();
    String more = String.join("\n",
        "  server {",
        "    listen 127.0.0.1:${HTTPS} ssl http2;",
        "    server_name sni.test;",
        "    ssl_certificate " + dir.resolve("sni.pem") + ";",
        "    ssl_certificate_key " + dir.resolve("sni.key") + ";",
        "    location / { return 200 \"sni.test\\n\"; }",
        "  }",
        "  server {",
        "    listen 127.0.0.1:" + tls12Only + " ssl;",
        "    ssl_protocols TLSv1.2;",
        "    ssl_certificate " + dir.resolve("v.pem") + ";",
        "    ssl_certificate_key " + dir.resolve("v.key") + ";",
        "    location / { return 200 \"$ssl_protocol\\n\"; }",
        "  }",
        "  server {",
        "    listen 127.0.0.1:" + tls13Only + " ssl;",
        "    ssl_protocols TLSv1.3;",
        "    ssl_certificate " + dir.resolve("v.pem") + ";",
        "    ssl_certificate_key " + dir.resolve("v.key") + ";",
        "    location / { return 200 \"$ssl_protocol\\n\"; }",
        "  }");
    nginx = NginxServer.start(String.join("\n",
        "    location = /name { return 200 \"example.test\\n\"; }",
        "    location = /tenant { return 200 \"tenant=$http_x_tenant\\n\"; }"), more, tls12Only, tls13Only);
  }

  @AfterAll
  static void stopNginx() {
    if (nginx != null) {
      nginx.close();
    }
  }

  private static HttpProbeRequest probe(String url, TlsImplementation tls) {
    return CLIENT.http(url).tls(tls).caFile(nginx.caPem).method("GET");
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "CONSCRYPT"})
  void serverNamePicksTheVirtualServerAndTheNameVerified(TlsImplementation tls) throws Exception {
    String byAddress = "https://127.0.0.1:" + nginx.httpsPort + "/name";
    // the handshake names sni.test and gets its certificate; the Host header still names the address, so nginx
    // routes the request itself to its default server (as Go's client with tls_config.server_name does)
    HttpProbeResult sni = probe(byAddress, tls).serverName("sni.test").failIfBodyNotMatches("^example\\.test$").run();
    assertThat(sni.failure()).isEmpty();
    assertThat(sni.tls().orElseThrow().chain().get(0).subjectAlternativeNames()).containsExactly("sni.test");
    // curl's equivalent: the same name for SNI and Host, connected to the address
    Curl.Fetch curl = Curl.fetch("https://sni.test:" + nginx.httpsPort + "/name", List.of("--resolve",
        "sni.test:" + nginx.httpsPort + ":127.0.0.1", "--cacert", nginx.caPem.toString()));
    assertThat(curl.body().trim()).isEqualTo("sni.test");

    HttpProbeResult example = probe(byAddress, tls).serverName("example.test").run();
    assertThat(example.failure()).isEmpty();
    assertThat(example.tls().orElseThrow().chain().get(0).subjectAlternativeNames()).contains("example.test");

    // nginx answers an unknown name with its default server (example.test): the name verified is the one asked for
    HttpProbeResult other = probe(byAddress, tls).serverName("other.test").run();
    assertThat(other.failure().orElseThrow().kind()).isEqualTo(FailureKind.TLS_HOSTNAME_MISMATCH);
    HttpProbeResult insecure = probe(byAddress, tls).serverName("other.test").insecure().run();
    assertThat(insecure.tls().orElseThrow().problems()).contains(TlsProblem.HOSTNAME_MISMATCH);
    // without a server name, the address is verified (and is not in the certificate)
    assertThat(probe(byAddress, tls).run().failure().orElseThrow().kind())
        .isEqualTo(FailureKind.TLS_HOSTNAME_MISMATCH);
  }

  @ParameterizedTest
  @EnumSource(names = {"JDK", "CONSCRYPT"})
  void tlsVersionBoundsLikeCurlTlsMax(TlsImplementation tls) throws Exception {
    String v12 = "https://127.0.0.1:" + tls12Only + "/";
    String v13 = "https://127.0.0.1:" + tls13Only + "/";
    assertThat(protocol(probe(v13, tls).serverName("versions.test").run())).isEqualTo("TLSv1.3");
    assertThat(protocol(probe(v12, tls).serverName("versions.test").run())).isEqualTo("TLSv1.2");
    HttpProbeResult capped = probe(v12, tls).serverName("versions.test").tlsVersions(null, TlsVersion.TLS_1_2)
        .failIfBodyNotMatches("^TLSv1\\.2$").run();
    assertThat(capped.failure()).isEmpty();

    HttpProbeResult tooOld = probe(v13, tls).serverName("versions.test").tlsVersions(TlsVersion.TLS_1_2,
        TlsVersion.TLS_1_2).run();
    assertThat(tooOld.failure().orElseThrow().kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
    assertThat(curlExit(tls13Only, "--tls-max", "1.2")).isEqualTo(35);
    HttpProbeResult tooNew = probe(v12, tls).serverName("versions.test").tlsVersions(TlsVersion.TLS_1_3, null)
        .run();
    assertThat(tooNew.failure().orElseThrow().kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
    assertThat(curlExit(tls12Only, "--tlsv1.3")).isEqualTo(35);
  }

  @Test
  void http2CanBeTurnedOffLikeCurlHttp11() throws Exception {
    String url = "https://example.test:" + nginx.httpsPort + "/name";
    HttpProbeRequest r = CLIENT.http(url).resolve("example.test", "127.0.0.1").caFile(nginx.caPem);
    assertThat(r.run().version()).contains(HttpVersion.HTTP_2);
    HttpProbeResult h1 = r.http2(false).run();
    assertThat(h1.failure()).isEmpty();
    assertThat(h1.version()).contains(HttpVersion.HTTP_1_1);
    assertThat(h1.tls().flatMap(TlsInfo::alpn)).hasValue("http/1.1");
  }

  @Test
  void proxyConnectHeadersGoToTheProxyOnly() throws Exception {
    String auth = "Basic " + java.util.Base64.getEncoder().encodeToString("u:p".getBytes());
    try (ConnectProxy proxy = new ConnectProxy(auth)) {
      HttpProbeResult r = CLIENT.http("https://127.0.0.1:" + nginx.httpsPort + "/tenant").method("GET")
          .caFile(nginx.caPem).serverName("example.test").proxy("http://u:p@127.0.0.1:" + proxy.port())
          .proxyConnectHeader("X-Tenant", "t1").failIfBodyNotMatches("^tenant=$").run();
      assertThat(r.failure()).isEmpty();
      assertThat(proxy.heads).hasSize(1);
      assertThat(proxy.heads.get(0)).startsWith("CONNECT 127.0.0.1:" + nginx.httpsPort).contains("X-Tenant: t1\r\n")
          .contains("Proxy-Authorization: " + auth);
    }
  }

  private static String protocol(HttpProbeResult r) {
    assertThat(r.failure()).isEmpty();
    return r.tls().orElseThrow().protocol();
  }

  private static int curlExit(int port, String... flags) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--resolve", "versions.test:" + port + ":127.0.0.1",
        "--cacert", nginx.caPem.toString()));
    args.addAll(List.of(flags));
    return Curl.fetch("https://versions.test:" + port + "/", args).exitCode();
  }
}
