package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** The exporter's endpoints, flags and reload, against a TCP listener of this test on loopback. */
class ExporterServerTest {
  @TempDir
  static Path dir;
  static ServerSocket listener;
  static Path config;
  static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    config = dir.resolve("blackbox.yml");
    Files.writeString(config, """
        modules:
          tcp_connect:
            prober: tcp
            timeout: 5s
          secret_http:
            prober: http
            http:
              basic_auth:
                username: probe
                password: hunter2-secret
              headers:
                Authorization: Bearer abc-secret-token
              proxy_url: http://user:pw-secret@127.0.0.1:3128
        """);
    exporter = Exporter.start(Probes.defaultClient(), "--config.file", config.toString(),
        "--web.listen-address=127.0.0.1:0", "--log.level=error", "--probe.allowed-targets=127.0.0.1,localhost:1");
  }

  @AfterAll
  static void stop() throws IOException {
    if (exporter != null) {
      exporter.close();
    }
    listener.close();
  }

  record Answer(int status, String body, String contentType) {}

  static Answer call(String method, URI uri, String... headers) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setRequestMethod(method);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      c.setRequestProperty(headers[i], headers[i + 1]);
    }
    int status = c.getResponseCode();
    var in = status >= 400 ? c.getErrorStream() : c.getInputStream();
    return new Answer(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8),
        c.getContentType());
  }

  Answer get(String path, String... headers) throws IOException {
    return call("GET", exporter.uri().resolve(path), headers);
  }

  @Test
  void probeAnswers200WithMetricsWhateverTheResult() throws Exception {
    Answer ok = get("/probe?module=tcp_connect&target=127.0.0.1:" + listener.getLocalPort());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(ok.body()).contains("probe_success 1\n", "probe_ip_protocol 4\n",
        "probe_ip_addr_hash 3.668918509e+09\n", "# TYPE probe_success gauge\n");
    Answer refused = get("/probe?module=tcp_connect&target=127.0.0.1:1");
    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.body()).contains("probe_success 0\n", "probe_failure_info{kind=\"CONNECTION_REFUSED\"} 1\n");
  }

  @Test
  void blackboxErrorAnswers() throws Exception {
    assertThat(get("/probe?module=nope&target=127.0.0.1:1")).extracting(Answer::status, Answer::body)
        .containsExactly(400, "Unknown module \"nope\"\n");
    assertThat(get("/metrics").body()).contains("blackbox_module_unknown_total 1");
    assertThat(get("/probe?module=tcp_connect")).extracting(Answer::status, Answer::body)
        .containsExactly(400, "Target parameter is missing\n");
    assertThat(get("/probe?module=tcp_connect&target=127.0.0.1:1", "X-Prometheus-Scrape-Timeout-Seconds", "abc")
        .status()).isEqualTo(500);
    assertThat(get("/probe?module=tcp_connect&target=192.0.2.1:80").status()).isEqualTo(403);
  }

  @Test
  void queryParsedAsGoParsesIt() {
    assertThat(Http.query("module=tcp_connect&target=127.0.0.1%3A9&target=second&debug"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("module", "tcp_connect", "target", "127.0.0.1:9", "debug", ""));
    // '+' is a space, a malformed escape or a semicolon drops its pair (Go 1.17+), empty pairs are skipped
    assertThat(Http.query("a=x+y%2By&&b=%zz&c=1;2&d;=3&e=%E2%82%AC&=v"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", "x y+y", "e", "\u20ac", "", "v"));
    assertThat(Http.query(null)).isEmpty();
    assertThat(Http.query("")).isEmpty();
  }

  @Test
  void timeoutIsTheScrapeTimeoutLessTheOffsetCappedByTheModule() {
    Duration offset = Duration.ofMillis(500);
    assertThat(ProbeHandler.timeout("7", Duration.ZERO, offset)).isEqualTo(Duration.ofMillis(6500));
    assertThat(ProbeHandler.timeout("7", Duration.ofSeconds(5), offset)).isEqualTo(Duration.ofSeconds(5));
    assertThat(ProbeHandler.timeout("0.3", Duration.ofSeconds(5), offset)).isEqualTo(Duration.ofSeconds(5));
    assertThat(ProbeHandler.timeout("0.3", Duration.ZERO, offset)).isEqualTo(Duration.ZERO);
    assertThat(ProbeHandler.timeout(null, Duration.ZERO, offset)).isEqualTo(Duration.ofMillis(119_500));
    assertThatThrownBy(() -> ProbeHandler.timeout("abc", Duration.ZERO, offset))
        .isInstanceOf(NumberFormatException.class);
  }

  @Test
  void probeWithAnAlreadyExpiredTimeoutFailsAtOnce() throws Exception {
    Answer a = get("/probe?module=tcp_connect&target=127.0.0.1:" + listener.getLocalPort(),
        "X-Prometheus-Scrape-Timeout-Seconds", "7");
    assertThat(a.body()).contains("probe_timeout_seconds 5\n");
  }

  @Test
  void healthReadyConfigLogsAndIndex() throws Exception {
    assertThat(get("/-/healthy")).extracting(Answer::status, Answer::body).containsExactly(200, "Healthy");
    assertThat(get("/-/ready").status()).isEqualTo(200);
    String cfg = get("/config").body();
    assertThat(cfg).contains("tcp_connect", "<secret>").doesNotContain("hunter2-secret", "abc-secret-token",
        "pw-secret");
    get("/probe?module=tcp_connect&target=127.0.0.1:" + listener.getLocalPort());
    String index = get("/").body();
    assertThat(index).contains("Recent Probes", "tcp_connect", "logs?id=");
    String id = index.replaceAll("(?s).*logs\\?id=([0-9]+).*", "$1");
    assertThat(get("/logs?id=" + id).body()).contains("Logs for the probe:", "Metrics that would have been returned:",
        "Module configuration:");
    assertThat(get("/logs?id=999999").status()).isEqualTo(404);
    assertThat(get("/logs?id=x").status()).isEqualTo(500);
    String debug = get("/probe?module=tcp_connect&debug=true&target=127.0.0.1:" + listener.getLocalPort()).body();
    assertThat(debug).startsWith("Logs for the probe:").contains("probe_success 1");
  }

  @Test
  void reloadKeepsTheOldConfigurationWhenTheFileIsBad() throws Exception {
    assertThat(get("/-/reload").status()).isEqualTo(405);
    String good = Files.readString(config);
    try {
      Files.writeString(config, good + "  extra:\n    prober: tcp\n    bogus: 1\n");
      Answer bad = call("POST", exporter.uri().resolve("/-/reload"));
      assertThat(bad.status()).isEqualTo(500);
      assertThat(bad.body()).startsWith("failed to reload config: ").contains("modules.extra.bogus: unknown key");
      assertThat(get("/metrics").body()).contains("blackbox_exporter_config_last_reload_successful 0");
      assertThat(get("/probe?module=tcp_connect&target=127.0.0.1:" + listener.getLocalPort()).body())
          .contains("probe_success 1");
      Files.writeString(config, good + "  extra:\n    prober: tcp\n");
      assertThat(call("POST", exporter.uri().resolve("/-/reload")).status()).isEqualTo(200);
      assertThat(get("/metrics").body()).contains("blackbox_exporter_config_last_reload_successful 1");
      assertThat(get("/probe?module=extra&target=127.0.0.1:" + listener.getLocalPort()).body())
          .contains("probe_success 1");
    } finally {
      Files.writeString(config, good);
      exporter.reload();
    }
  }

  @Test
  void webConfigTlsAndBcryptBasicAuth() throws Exception {
    Lab.assumeOpenssl();
    Lab.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
        dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(), "-days", "2", "-subj",
        "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1");
    Path web = Files.writeString(dir.resolve("web.yml"), """
        tls_server_config:
          cert_file: cert.pem
          key_file: key.pem
        http_server_config:
          headers:
            X-Frame-Options: deny
        basic_auth_users:
          prometheus: %s
        """.formatted(BCrypt.hashpw("s3cret", BCrypt.gensalt(4))));
    try (Exporter secured = Exporter.start(Probes.defaultClient(), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:0", "--web.config.file=" + web, "--log.level=error")) {
      URI base = secured.uri();
      assertThat(base.getScheme()).isEqualTo("https");
      assertThat(https(base.resolve("/-/healthy"), null)).isEqualTo(401);
      assertThat(https(base.resolve("/-/healthy"), "prometheus:wrong")).isEqualTo(401);
      assertThat(https(base.resolve("/-/healthy"), "prometheus:s3cret")).isEqualTo(200);
      assertThat(https(base.resolve("/-/healthy"), "nobody:s3cret")).isEqualTo(401);
    }
    Files.writeString(web, "basic_auth_users:\n  prometheus: plaintext\n");
    assertThatThrownBy(() -> Exporter.start(Probes.defaultClient(), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:0", "--web.config.file=" + web)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("web.yml:2: basic_auth_users.prometheus: not a bcrypt hash");
  }

  private static int https(URI uri, String credentials) throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

      @Override
      public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

      @Override
      public java.security.cert.X509Certificate[] getAcceptedIssuers() {
        return new java.security.cert.X509Certificate[0];
      }
    }}, null);
    HttpsURLConnection c = (HttpsURLConnection) uri.toURL().openConnection();
    c.setSSLSocketFactory(trustAll.getSocketFactory());
    c.setHostnameVerifier((h, s) -> true);
    if (credentials != null) {
      c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(
          StandardCharsets.UTF_8)));
    }
    int status = c.getResponseCode();
    if (status == 200) {
      assertThat(c.getHeaderField("X-Frame-Options")).isEqualTo("deny");
    }
    return status;
  }

  @Test
  void flagsAsBlackboxReadsThem() {
    Flags f = Flags.parse("--config.file", "x.yml", "--web.listen-address=:9116", "--web.listen-address=[::1]:9117",
        "--timeout-offset=0.25", "--log.level=debug", "--config.check");
    assertThat(f.configFile()).isEqualTo("x.yml");
    assertThat(f.listenAddresses()).containsExactly(":9116", "[::1]:9117");
    assertThat(f.timeoutOffset()).isEqualTo(Duration.ofMillis(250));
    assertThat(f.configCheck()).isTrue();
    assertThat(Flags.parse().listenAddresses()).containsExactly(":9115");
    assertThatThrownBy(() -> Flags.parse("--nope")).hasMessage("unknown long flag '--nope'");
    assertThatThrownBy(() -> Flags.parse("--log.level=loud")).hasMessageContaining("--log.level must be one of");
  }

  /** openssl for the TLS test. */
  static final class Lab {
    static void assumeOpenssl() {
      org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")),
          "openssl is not installed");
    }

    static void openssl(String... args) throws Exception {
      String[] command = new String[args.length + 1];
      command[0] = "/usr/bin/openssl";
      System.arraycopy(args, 0, command, 1, args.length);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      assertThat(p.waitFor()).isZero();
    }
  }
}
