package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The options beyond {@code curl -I} against a real nginx, each compared with curl making the same request: method,
 * credentials, CA file, source address, compression and assertions on what nginx returns.
 */
class HttpOptionsNginxIT {
  private static final String LOCATIONS = String.join("\n",
      "    location = /method { add_header X-Method $request_method; return 200 \"$request_method\\n\"; }",
      "    location = /auth { if ($http_authorization = \"\") { return 401 \"who?\\n\"; }"
          + " return 200 \"$http_authorization\\n\"; }",
      "    location = /remote { return 200 \"$remote_addr\\n\"; }",
      "    location = /health { default_type application/json;"
          + " return 200 '{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"}]}'; }",
      "    location = /big { gzip on; gzip_min_length 1; gzip_types text/plain; default_type text/plain;"
          + " return 200 \"" + "netprobe ".repeat(300) + "\\n\"; }");

  private static NginxServer nginx;
  private static final ProbeClient DEFAULT_TRUST = Probes.builder().backend(new OkHttpBackend())
      .timeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void startNginx() throws Exception {
    Assumptions.assumeTrue(NginxServer.available(), "nginx not installed (apt-get install nginx-light)");
    Assumptions.assumeTrue(Curl.available(), "curl not installed (apt-get install curl)");
    nginx = NginxServer.start(LOCATIONS);
  }

  @AfterAll
  static void stopNginx() {
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

  private static HttpProbeRequest probe(String url) {
    return DEFAULT_TRUST.http(url).resolve("example.test", "127.0.0.1");
  }

  private static Curl.Fetch curl(String url, String... more) throws Exception {
    int port = url.startsWith("https") ? nginx.httpsPort : nginx.httpPort;
    List<String> args = new ArrayList<>(List.of("--resolve", "example.test:" + port + ":127.0.0.1"));
    args.addAll(List.of(more));
    return Curl.fetch(url, args);
  }

  @Test
  void methodsLikeCurlX() throws Exception {
    for (String method : List.of("GET", "POST", "PUT", "DELETE")) {
      HttpProbeResult r = probe(http("/method")).method(method).failIfBodyNotMatches("^" + method + "$").run();
      Curl.Fetch c = curl(http("/method"), "-X", method);
      assertThat(r.failure()).as(method).isEmpty();
      assertThat(r.status()).contains(c.status());
      assertThat(r.headers().first("x-method")).contains(c.body().trim());
    }
  }

  @Test
  void basicAndBearerCredentialsLikeCurlUAndOauth2Bearer() throws Exception {
    Curl.Fetch curlBasic = curl(http("/auth"), "-u", "alice:pw:with:colons");
    // nginx echoes the Authorization it got: the same as curl's, and the result shows it redacted
    HttpProbeResult basic = probe(http("/auth")).method("GET").basicAuth("alice", "pw:with:colons")
        .failIfBodyNotMatches("^" + java.util.regex.Pattern.quote(curlBasic.body().trim()) + "$").run();
    assertThat(basic.failure()).isEmpty();
    assertThat(basic.status()).contains(curlBasic.status()).contains(200);
    assertThat(basic.assertions().get(0).observed()).isEqualTo("\"Basic <redacted>\\n\"");

    HttpProbeResult bearer = probe(http("/auth")).method("GET").bearerToken("t0ken").failIfBodyNotMatches("t0ken")
        .run();
    assertThat(curl(http("/auth"), "--oauth2-bearer", "t0ken").body().trim()).isEqualTo("Bearer t0ken");
    assertThat(bearer.failure()).isEmpty();
    assertThat(probe(http("/auth")).method("GET").expectStatus(200).run().failure().get().message())
        .isEqualTo("valid_status_codes [200] failed on status 401");
  }

  @Test
  void caFileLikeCurlCacert() throws Exception {
    HttpProbeResult trusted = probe(https("/health")).caFile(nginx.caPem).run();
    Curl.Fetch c = curl(https("/health"), "--cacert", nginx.caPem.toString());
    assertThat(trusted.failure()).isEmpty();
    assertThat(trusted.status()).contains(c.status());
    assertThat(trusted.version()).contains(HttpVersion.HTTP_2);
    HttpProbeResult untrusted = probe(https("/health")).run();
    assertThat(untrusted.failure().get().kind()).isEqualTo(FailureKind.TLS_UNTRUSTED);
    assertThat(curl(https("/health")).exitCode()).isEqualTo(60);
  }

  @Test
  void sourceAddressLikeCurlInterface() throws Exception {
    HttpProbeResult r = probe(http("/remote")).method("GET").sourceAddress("127.0.0.2")
        .failIfBodyNotMatches("^127\\.0\\.0\\.2$").run();
    Curl.Fetch c = curl(http("/remote"), "--interface", "127.0.0.2");
    assertThat(c.body().trim()).isEqualTo("127.0.0.2");
    assertThat(r.failure()).isEmpty();
  }

  @Test
  void jsonPathAndHeaderAssertionsOnARealResponse() {
    HttpProbeResult r = probe(https("/health")).caFile(nginx.caPem).method("GET")
        .expectJsonPath("$.status", "^UP$").expectJsonPath("$.checks[?(@.name == 'db')].status", "UP")
        .failIfHeaderNotMatches("Content-Type", "^application/json", false)
        .failIfHeaderMatches("Server", "Apache", true).expectVersion(HttpVersion.HTTP_2).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.assertions()).hasSize(5).allMatch(a -> a.passed());
    HttpProbeResult down = probe(https("/health")).caFile(nginx.caPem).method("GET")
        .expectJsonPath("$.status", "^DOWN$").run();
    assertThat(down.failure().get().message()).isEqualTo("json_path $.status matches ^DOWN$ failed on \"UP\"");
  }

  @Test
  void compressionLikeCurlCompressed() throws Exception {
    HttpProbeResult r = probe(http("/big")).method("GET").compression("gzip").run();
    Curl.Fetch c = curl(http("/big"), "--compressed");
    Curl.Fetch plain = curl(http("/big"));
    assertThat(r.failure()).isEmpty();
    assertThat(r.headers().first("content-encoding")).contains("gzip");
    assertThat(r.body().get().wireBytes()).isEqualTo(c.wireBytes());
    assertThat(r.body().get().decodedBytes()).isEqualTo(c.body().getBytes(StandardCharsets.UTF_8).length)
        .isEqualTo(plain.wireBytes());
    HttpProbeResult identity = probe(http("/big")).method("GET").run();
    assertThat(identity.headers().first("content-encoding")).isEmpty();
    assertThat(probe(http("/big")).method("GET").compression("gzip").bodySizeLimit(100).run().failure().get()
        .message()).startsWith("body_size_limit 100 failed");
  }
}
