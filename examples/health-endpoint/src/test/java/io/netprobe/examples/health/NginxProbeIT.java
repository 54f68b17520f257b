package io.netprobe.examples.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netprobe.Probes;
import io.netprobe.spi.HttpBackend;
import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Prometheus-style {@code /probe} scrape of a real nginx on a free loopback port, through the real HTTP backend.
 * Skipped with a reason when nginx is not installed or no {@link HttpBackend} (netprobe-http) is on the class path.
 */
class NginxProbeIT {
  private static final Path NGINX = Path.of("/usr/sbin/nginx");
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");
  private static final Instant MODIFIED = Instant.parse("2026-11-20T08:30:00Z");

  @TempDir
  static Path dir;
  private static LoopbackDaemon nginx;
  private static int port;
  private static int httpsPort;
  private static long indexSize;

  @BeforeAll
  static void startNginx() throws Exception {
    Assume.that("NginxProbeIT", ServiceLoader.load(HttpBackend.class).findFirst().isPresent(),
        "no HttpBackend on the class path (netprobe-http not built yet): skipping the nginx /probe scrape");
    Assume.that("NginxProbeIT", Files.isExecutable(NGINX),
        "nginx is not installed (apt-get install nginx-light)");
    port = FreePorts.tcp();
    httpsPort = FreePorts.tcp();
    Assume.that("NginxProbeIT", Files.isExecutable(OPENSSL), "openssl is not installed: no certificate for https");
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(), "-days", "30",
        "-subj", "/CN=localhost/O=netprobe test", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
    Path html = Files.createDirectories(dir.resolve("html"));
    Path index = html.resolve("index.html");
    Files.writeString(index, "<!doctype html><title>netprobe</title><p>served by nginx for NginxProbeIT</p>\n");
    Files.setLastModifiedTime(index, FileTime.from(MODIFIED));
    indexSize = Files.size(index);
    Files.writeString(dir.resolve("nginx.conf"), """
        daemon off;
        master_process off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/tmp-body;
          proxy_temp_path %1$s/tmp-proxy;
          fastcgi_temp_path %1$s/tmp-fastcgi;
          uwsgi_temp_path %1$s/tmp-uwsgi;
          scgi_temp_path %1$s/tmp-scgi;
          server {
            listen 127.0.0.1:%2$d;
            listen 127.0.0.1:%3$d ssl;
            ssl_protocols TLSv1.2 TLSv1.3;
            ssl_certificate %1$s/cert.pem;
            ssl_certificate_key %1$s/key.pem;
            root %1$s/html;
            location = /old { return 301 /index.html; }
          }
          server {
            listen 127.0.0.1:%2$d;
            server_name vhost.test;
            location = /vhost { return 204; }
          }
        }
        """.formatted(dir, port, httpsPort));
    nginx = LoopbackDaemon.start(
        List.of(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString()),
        dir.resolve("stdout.log"), port, httpsPort);
  }

  @AfterAll
  static void stopNginx() {
    if (nginx != null) {
      nginx.close();
    }
  }

  @Test
  void probeScrapeOfNginxReturnsBlackboxMetricsWithCorrectValues() throws Exception {
    try (HealthEndpointServer server = server()) {
      PrometheusTextParser.Exposition m = scrape(server, "http_2xx", "http://127.0.0.1:" + port + "/");

      assertThat(m.value("probe_success")).contains(1.0);
      assertThat(m.value("probe_http_status_code")).contains(200.0);
      assertThat(m.value("probe_http_version")).contains(1.1);
      assertThat(m.value("probe_http_ssl")).contains(0.0);
      assertThat(m.value("probe_http_redirects")).contains(0.0);
      assertThat(m.value("probe_http_content_length")).contains((double) indexSize);
      assertThat(m.value("probe_http_last_modified_timestamp_seconds")).contains((double) MODIFIED.getEpochSecond());
      assertThat(m.value("probe_ip_protocol")).contains(4.0);
      assertThat(m.value("probe_dns_lookup_time_seconds").orElseThrow()).isCloseTo(0.0, within(0.05));
      double total = 0;
      for (String phase : List.of("resolve", "connect", "tls", "processing", "transfer")) {
        double v = m.value("probe_http_duration_seconds", "phase", phase).orElseThrow();
        assertThat(v).as(phase).isBetween(0.0, 2.0);
        total += v;
      }
      assertThat(m.value("probe_http_duration_seconds", "phase", "tls")).contains(0.0);
      assertThat(total).isLessThanOrEqualTo(m.value("probe_duration_seconds").orElseThrow() + 0.001);
      assertThat(m.has("probe_ssl_earliest_cert_expiry")).isFalse();
      assertThat(m.has("probe_failure_info")).isFalse();
    }
  }

  @Test
  void tlsMetricsDescribeTheCertificateAsOpensslDoes() throws Exception {
    String fingerprint = openssl("x509", "-in", dir.resolve("cert.pem").toString(), "-noout", "-fingerprint",
        "-sha256").replaceAll("(?s).*=", "").replace(":", "").trim().toLowerCase(Locale.ROOT);
    String serial = openssl("x509", "-in", dir.resolve("cert.pem").toString(), "-noout", "-serial")
        .replaceAll("(?s).*=", "").trim().toLowerCase(Locale.ROOT);
    String subject = openssl("x509", "-in", dir.resolve("cert.pem").toString(), "-noout", "-subject", "-nameopt",
        "RFC2253").replaceAll("(?s)^subject=", "").trim();
    long notAfter = ZonedDateTime.parse(openssl("x509", "-in", dir.resolve("cert.pem").toString(), "-noout",
        "-enddate").replaceAll("(?s).*=", "").trim().replaceAll(" +", " "),
        DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy zzz", Locale.ENGLISH)).toEpochSecond();
    try (HealthEndpointServer server = server()) {
      PrometheusTextParser.Exposition m = scrape(server, "https_insecure", "https://127.0.0.1:" + httpsPort + "/");

      assertThat(m.value("probe_success")).contains(1.0);
      assertThat(m.value("probe_http_ssl")).contains(1.0);
      assertThat(m.value("probe_tls_version_info", "version", "TLS 1.3")).contains(1.0);
      assertThat(m.value("probe_ssl_earliest_cert_expiry")).contains((double) notAfter);
      assertThat(m.value("probe_ssl_last_chain_info", "fingerprint_sha256", fingerprint, "subject", subject,
          "issuer", subject, "subjectalternative", "localhost", "serialnumber", serial))
          .as("%s", m.samples()).contains(1.0);
      // FNV-1a (32 bit) of 127.0.0.1's four bytes, what Go's hash/fnv New32a gives for blackbox
      assertThat(m.value("probe_ip_addr_hash")).contains(3_668_918_509.0);
      assertThat(m.value("probe_http_duration_seconds", "phase", "tls").orElseThrow()).isPositive();
    }
  }

  @Test
  void hostnameProbesTheVirtualHostAtTheTargetAddressLikeCurlWithAHostHeader() throws Exception {
    Path curl = Path.of("/usr/bin/curl");
    Assumptions.assumeTrue(Files.isExecutable(curl), "curl is not installed: no comparison with the real tool");
    String url = "http://127.0.0.1:" + port + "/vhost";
    try (HealthEndpointServer server = server()) {
      PrometheusTextParser.Exposition plain = scrape(server, "http_2xx", url);
      PrometheusTextParser.Exposition vhost = scrape(server, "http_2xx", url, "&hostname=vhost.test");
      assertThat(plain.value("probe_http_status_code")).contains(curlStatus(curl, url).doubleValue())
          .contains(404.0);
      assertThat(vhost.value("probe_http_status_code")).contains(curlStatus(curl, url, "-H", "Host: vhost.test")
          .doubleValue()).contains(204.0);
      assertThat(vhost.value("probe_success")).contains(1.0);
    }
  }

  private static Integer curlStatus(Path curl, String url, String... more) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(curl.toString(), "-s", "-o", "/dev/null", "-w",
        "%{http_code}"));
    command.addAll(List.of(more));
    command.add(url);
    Process p = new ProcessBuilder(command).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return Integer.valueOf(out);
  }

  @Test
  void redirectsAreFollowedAndMissingPagesFail() throws Exception {
    try (HealthEndpointServer server = server()) {
      PrometheusTextParser.Exposition moved = scrape(server, "http_2xx", "http://127.0.0.1:" + port + "/old");
      assertThat(moved.value("probe_success")).contains(1.0);
      assertThat(moved.value("probe_http_redirects")).contains(1.0);
      assertThat(moved.value("probe_http_status_code")).contains(200.0);

      PrometheusTextParser.Exposition missing = scrape(server, "http_2xx", "http://127.0.0.1:" + port + "/none");
      assertThat(missing.value("probe_success")).contains(0.0);
      assertThat(missing.value("probe_http_status_code")).contains(404.0);
      assertThat(missing.value("probe_failure_info", "kind", "UNEXPECTED_STATUS")).contains(1.0);
    }
  }

  @Test
  void statusMatchesCurl() throws Exception {
    Path curl = Path.of("/usr/bin/curl");
    Assumptions.assumeTrue(Files.isExecutable(curl), "curl is not installed: no comparison with the real tool");
    try (HealthEndpointServer server = server()) {
      for (String path : List.of("/", "/old", "/none")) {
        Process p = new ProcessBuilder(curl.toString(), "-s", "-o", "/dev/null", "-w", "%{http_code}",
            "http://127.0.0.1:" + port + path).start();
        String curlStatus = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        PrometheusTextParser.Exposition m = scrape(server, "http_noredirect", "http://127.0.0.1:" + port + path);
        assertThat(m.value("probe_http_status_code")).as(path).contains(Double.parseDouble(curlStatus));
      }
    }
  }

  private static HealthEndpointServer server() throws IOException {
    EndpointConfig config = EndpointConfig.parse(Map.of("server.port", "0",
        "probe.allowed-targets", "127.0.0.1:" + port + ",127.0.0.1:" + httpsPort,
        "module.http_2xx.prober", "http",
        "module.https_insecure.prober", "http", "module.https_insecure.insecure_skip_verify", "true",
        "module.http_noredirect.prober", "http", "module.http_noredirect.follow_redirects", "false"),
        Probes.defaultClient());
    return HealthEndpointServer.start(config, Probes.defaultClient());
  }

  private static String openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(OPENSSL.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  private static PrometheusTextParser.Exposition scrape(HealthEndpointServer server, String module, String target)
      throws IOException, InterruptedException {
    return scrape(server, module, target, "");
  }

  /** A scrape with {@code moreQuery} ({@code &name=value…}) after the target. */
  private static PrometheusTextParser.Exposition scrape(HealthEndpointServer server, String module, String target,
      String moreQuery) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + server.port() + "/probe?module=" + module + "&target="
            + URLEncoder.encode(target, StandardCharsets.UTF_8) + moreQuery))
        .header("X-Prometheus-Scrape-Timeout-Seconds", "10").timeout(Duration.ofSeconds(15)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return PrometheusTextParser.parse(r.body());
  }
}
