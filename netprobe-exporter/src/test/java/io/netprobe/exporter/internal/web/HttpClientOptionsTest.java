package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prometheus/common's client options through {@code /probe} against servers of this test on loopback:
 * {@code http_headers} (values, secrets, files), {@code oauth2} client credentials (token endpoint, Go's
 * header-then-body client authentication, the token kept until it expires, a failing endpoint) and
 * {@code proxy_url} with {@code no_proxy} (Go sends loopback targets direct once {@code no_proxy} is set).
 */
class HttpClientOptionsTest {
  @TempDir
  static Path dir;
  static HttpServer site;
  static HttpServer proxy;
  static Exporter exporter;
  static final List<String> siteRequests = new CopyOnWriteArrayList<>();
  static final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  static final List<String> proxyRequests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    site.createContext("/", x -> {
      StringBuilder seen = new StringBuilder(x.getRequestURI().getPath());
      x.getRequestHeaders().forEach((k, v) -> seen.append('\n').append(k).append(": ").append(String.join(",", v)));
      siteRequests.add(seen.toString());
      boolean bearer = "Bearer tok-1".equals(x.getRequestHeaders().getFirst("Authorization"));
      answer(x, x.getRequestURI().getPath().startsWith("/api") && !bearer ? 401 : 200, "site");
    });
    // a token endpoint like Go's oauth2 package expects; /strict refuses client credentials in the header
    site.createContext("/token", x -> token(x, false));
    site.createContext("/strict/token", x -> token(x, true));
    site.createContext("/broken/token", x -> {
      tokenRequests.add("broken");
      answer(x, 500, "{\"error\":\"server_error\"}");
    });
    site.start();
    proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    proxy.createContext("/", x -> {
      proxyRequests.add(x.getRequestMethod() + " " + x.getRequestURI());
      answer(x, 200, "via proxy");
    });
    proxy.start();
    Files.writeString(dir.resolve("tenant"), "from-a-file\n");
    Files.writeString(dir.resolve("secret"), "file-secret-77\n");
    String s = "http://127.0.0.1:" + site.getAddress().getPort();
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          headers:
            prober: http
            timeout: 5s
            http:
              http_headers:
                X-Team: {values: [probes, "second"]}
                X-Api-Key: {secrets: [key-secret-42]}
                X-Tenant: {files: ["%1$s/tenant"]}
          oauth:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: probe-client
                client_secret: oauth-secret-13
                scopes: [read, write]
                token_url: "%2$s/token"
                endpoint_params: {audience: api}
          oauth_strict:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: strict-client
                client_secret_file: "%1$s/secret"
                token_url: "%2$s/strict/token"
          oauth_broken:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: probe-client
                client_secret: oauth-secret-13
                token_url: "%2$s/broken/token"
          proxied:
            prober: http
            timeout: 5s
            http:
              proxy_url: "http://127.0.0.1:%3$d"
          proxied_skip:
            prober: http
            timeout: 5s
            http:
              proxy_url: "http://127.0.0.1:%3$d"
              skip_resolve_phase_with_proxy: true
          proxied_no_proxy:
            prober: http
            timeout: 5s
            http:
              proxy_url: "http://127.0.0.1:%3$d"
              no_proxy: "10.0.0.0/8,example.org"
              proxy_connect_header:
                X-Proxy-Token: [connect-secret-5]
        """.formatted(dir, s, proxy.getAddress().getPort()));
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config, "--web.listen-address=127.0.0.1:0",
        "--log.level=error");
  }

  private static void token(HttpExchange x, boolean strict) throws IOException {
    String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String auth = String.valueOf(x.getRequestHeaders().getFirst("Authorization"));
    tokenRequests.add(x.getRequestURI().getPath() + " " + auth + " " + form);
    if (strict && !form.contains("client_secret=")) {
      answer(x, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    x.getResponseHeaders().add("Content-Type", "application/json");
    answer(x, 200, "{\"access_token\":\"tok-1\",\"token_type\":\"bearer\",\"expires_in\":3600}");
  }

  private static void answer(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
    x.close();
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
    }
    site.stop(0);
    proxy.stop(0);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + site.getAddress().getPort() + path;
  }

  private static String pages(String module, String target) throws Exception {
    return NetprobeProbersTest.debug(module, target, exporter)
        + ExporterServerTest.call("GET", exporter.uri().resolve("/config")).body();
  }

  @Test
  void httpHeadersSendValuesSecretsAndFilesAndShowNoSecret() throws Exception {
    siteRequests.clear();
    assertThat(NetprobeProbersTest.probe("headers", url("/h"), exporter)).contains("probe_success 1\n");
    assertThat(siteRequests).singleElement().satisfies(r -> assertThat(r)
        .contains("X-team: probes,second", "X-api-key: key-secret-42", "X-tenant: from-a-file"));
    assertThat(pages("headers", url("/h"))).doesNotContain("key-secret-42");
  }

  @Test
  void oauth2FetchesATokenOnceAndSendsItAsBearer() throws Exception {
    tokenRequests.clear();
    assertThat(NetprobeProbersTest.probe("oauth", url("/api"), exporter)).contains("probe_success 1\n",
        "probe_http_status_code 200\n");
    assertThat(NetprobeProbersTest.probe("oauth", url("/api"), exporter)).contains("probe_success 1\n");
    // Go's AuthStyleAutoDetect: the id and secret in an HTTP Basic header first; the token is kept until it expires
    String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("probe-client:oauth-secret-13".getBytes());
    assertThat(tokenRequests).singleElement().isEqualTo("/token " + basic
        + " grant_type=client_credentials&scope=read+write&audience=api");
    assertThat(pages("oauth", url("/api"))).doesNotContain("oauth-secret-13", "tok-1", basic.substring(6));
  }

  @Test
  void oauth2FallsBackToCredentialsInTheBodyAsGoDoes() throws Exception {
    tokenRequests.clear();
    assertThat(NetprobeProbersTest.probe("oauth_strict", url("/api"), exporter)).contains("probe_success 1\n");
    assertThat(tokenRequests).hasSize(2);
    assertThat(tokenRequests.get(1)).startsWith("/strict/token null ")
        .endsWith("grant_type=client_credentials&client_id=strict-client&client_secret=file-secret-77");
    assertThat(pages("oauth_strict", url("/api"))).doesNotContain("file-secret-77");
  }

  @Test
  void aFailingTokenEndpointFailsTheProbeAndSaysWhy() throws Exception {
    String m = NetprobeProbersTest.probe("oauth_broken", url("/api"), exporter);
    assertThat(m).contains("probe_success 0\n", "probe_failure_info{kind=\"OAUTH2_TOKEN\"} 1\n",
        "probe_http_status_code 0\n");
    assertThat(NetprobeProbersTest.debug("oauth_broken", url("/api"), exporter))
        .contains("oauth2: cannot fetch token: 500").doesNotContain("oauth-secret-13");
  }

  @Test
  void skipResolvePhaseWithProxyLeavesTheNameToTheProxy() throws Exception {
    proxyRequests.clear();
    String target = "http://localhost:" + site.getAddress().getPort() + "/p";
    String resolved = NetprobeProbersTest.probe("proxied", target, exporter);
    assertThat(resolved).contains("probe_success 1\n", "probe_ip_protocol 4\n", "phase=\"resolve\"");
    String skipped = NetprobeProbersTest.probe("proxied_skip", target, exporter);
    assertThat(skipped).contains("probe_success 1\n").doesNotContain("probe_ip_protocol",
        "probe_dns_lookup_time_seconds", "phase=\"resolve\"");
    assertThat(proxyRequests).containsExactly("GET " + target, "GET " + target);
  }

  @Test
  void proxyUrlProxiesAndNoProxySendsLoopbackDirectAsGo() throws Exception {
    proxyRequests.clear();
    siteRequests.clear();
    assertThat(NetprobeProbersTest.probe("proxied", url("/p"), exporter)).contains("probe_success 1\n");
    assertThat(proxyRequests).singleElement().asString().startsWith("GET http://127.0.0.1:"
        + site.getAddress().getPort() + "/p");
    assertThat(siteRequests).isEmpty();
    assertThat(NetprobeProbersTest.probe("proxied_no_proxy", url("/p"), exporter)).contains("probe_success 1\n");
    assertThat(proxyRequests).hasSize(1);
    assertThat(siteRequests).hasSize(1);
    assertThat(pages("proxied_no_proxy", url("/p"))).contains("X-Proxy-Token").doesNotContain("connect-secret-5");
  }
}
