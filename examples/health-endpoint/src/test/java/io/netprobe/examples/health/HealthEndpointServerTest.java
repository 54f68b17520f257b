package io.netprobe.examples.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.RecordType;
import io.netprobe.health.HealthStatus;
import io.netprobe.jackson.NetprobeJson;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthEndpointServerTest {
  private final FakeHttpBackend http = new FakeHttpBackend();
  private final FakeDnsBackend dns = new FakeDnsBackend();
  private final FakePingBackend ping = new FakePingBackend();
  private final FakeTcpConnectBackend tcp = new FakeTcpConnectBackend();
  private final FakeSocketTableBackend sockets = new FakeSocketTableBackend();
  private final ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(2))
      .backend(http).backend(dns).backend(ping).backend(tcp).backend(sockets).build();
  private final HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private HealthEndpointServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void healthIsActuatorShapedAndUpWhenEveryCheckIsUp() throws Exception {
    tcp.open("db.test", 5432).delay("db.test", 5432, Duration.ofMillis(2));
    http.respond("https://api.test/health?token=s3cr3t", 200);
    start(Map.of(
        "check.db.probe", "tcp", "check.db.target", "db.test:5432",
        "check.api.probe", "http", "check.api.target", "https://api.test/health?token=s3cr3t"));
    awaitAllChecked();

    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).contains("application/json");
    assertThat(r.body()).doesNotContain("s3cr3t");
    JsonNode json = NetprobeJson.mapper().readTree(r.body());
    assertThat(json.get("status").asText()).isEqualTo("UP");
    assertThat(json.at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(json.at("/components/db/details/target").asText()).isEqualTo("db.test:5432");
    assertThat(json.at("/components/db/details/connectTimeMs").asDouble()).isEqualTo(2.0);
    assertThat(json.at("/components/db/details/ageMs").isIntegralNumber()).isTrue();
    assertThat(json.at("/components/db/details/checkedAt").asText()).matches("\\d{4}-.*Z");
    assertThat(json.at("/components/api/details/status").asInt()).isEqualTo(200);
    assertThat(json.at("/components/api/details/url").asText()).isEqualTo("https://api.test/health");
  }

  @Test
  void healthIs503WhenACheckIsDownAnd200WhenOnlyDegraded() throws Exception {
    tcp.fail("db.test", 5432, FailureKind.CONNECTION_REFUSED);
    ping.lossy("gw.test", 0.5, Duration.ofMillis(5));
    start(Map.of(
        "check.db.probe", "tcp", "check.db.target", "db.test:5432",
        "check.gw.probe", "ping", "check.gw.target", "gw.test", "check.gw.count", "4", "check.gw.expect", "loss 20"));
    awaitAllChecked();

    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(503);
    JsonNode json = NetprobeJson.mapper().readTree(r.body());
    assertThat(json.get("status").asText()).isEqualTo("DOWN");
    assertThat(json.at("/components/db/details/failureKind").asText()).isEqualTo("CONNECTION_REFUSED");
    assertThat(json.at("/components/gw/status").asText()).isEqualTo("DEGRADED");

    HttpResponse<String> gw = get("/health/gw");
    assertThat(gw.statusCode()).isEqualTo(200);
    assertThat(NetprobeJson.mapper().readTree(gw.body()).at("/details/lossPercent").asDouble()).isEqualTo(50.0);
    assertThat(get("/health/db").statusCode()).isEqualTo(503);
    assertThat(get("/health/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void healthAnswersAtOnceFromTheCacheWhileAProbeHangs() throws Exception {
    tcp.open("db.test", 5432);
    start(Map.of("check.db.probe", "tcp", "check.db.target", "db.test:5432", "check.db.interval", "100ms",
        "check.db.timeout", "5s"));
    awaitAllChecked();
    tcp.silent("db.test", 5432);
    int before = tcp.received().size();
    await(() -> tcp.received().size() > before && server.monitor().state("db").orElseThrow().running());

    long t0 = System.nanoTime();
    HttpResponse<String> r = get("/health");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(took).isLessThan(Duration.ofMillis(500));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode json = NetprobeJson.mapper().readTree(r.body());
    assertThat(json.at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(json.at("/components/db/details/running").asBoolean()).isTrue();
  }

  @Test
  void unknownBeforeTheFirstResult() throws Exception {
    tcp.silent("db.test", 5432);
    start(Map.of("check.db.probe", "tcp", "check.db.target", "db.test:5432", "check.db.timeout", "5s"));

    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode json = NetprobeJson.mapper().readTree(r.body());
    assertThat(json.get("status").asText()).isEqualTo("UNKNOWN");
    assertThat(json.at("/components/db/details/reason").asText()).isEqualTo("no result yet");
  }

  @Test
  void actuatorMediaTypeWhenAskedFor() throws Exception {
    start(Map.of());
    HttpResponse<String> r = httpClient.send(HttpRequest.newBuilder(uri("/health"))
            .header("Accept", "application/vnd.spring-boot.actuator.v3+json").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.headers().firstValue("content-type")).contains("application/vnd.spring-boot.actuator.v3+json");
    assertThat(r.body()).isEqualTo("{\"status\":\"UP\",\"components\":{}}");
  }

  @Test
  void probeOfAnHttpTargetGivesBlackboxMetrics() throws Exception {
    http.respond("https://app.test/", 200, "content-length", "612", "last-modified",
        "Tue, 24 Nov 2026 10:00:00 GMT");
    start(Map.of("probe.allowed-targets", "app.test"));

    HttpResponse<String> r = get("/probe?module=http_2xx&target=" + encode("https://app.test/"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
    PrometheusTextParser.Exposition m = PrometheusTextParser.parse(r.body());
    assertThat(m.types()).containsEntry("probe_success", "gauge").containsEntry("probe_http_status_code", "gauge");
    assertThat(m.value("probe_success")).contains(1.0);
    assertThat(m.value("probe_http_status_code")).contains(200.0);
    assertThat(m.value("probe_http_version")).contains(2.0);
    assertThat(m.value("probe_http_ssl")).contains(1.0);
    assertThat(m.value("probe_http_redirects")).contains(0.0);
    assertThat(m.value("probe_http_content_length")).contains(612.0);
    assertThat(m.value("probe_http_last_modified_timestamp_seconds")).contains(1795514400.0);
    // the fake's cumulative timings: lookup 1 ms, connect 2, TLS 3, request sent 3, first byte 5, total 5
    assertThat(m.value("probe_http_duration_seconds", "phase", "resolve").orElseThrow()).isCloseTo(0.001, within(1e-9));
    assertThat(m.value("probe_http_duration_seconds", "phase", "connect").orElseThrow()).isCloseTo(0.001, within(1e-9));
    assertThat(m.value("probe_http_duration_seconds", "phase", "tls").orElseThrow()).isCloseTo(0.001, within(1e-9));
    assertThat(m.value("probe_http_duration_seconds", "phase", "processing").orElseThrow())
        .isCloseTo(0.002, within(1e-9));
    assertThat(m.value("probe_http_duration_seconds", "phase", "transfer")).contains(0.0);
    assertThat(m.value("probe_dns_lookup_time_seconds").orElseThrow()).isCloseTo(0.001, within(1e-9));
    assertThat(m.value("probe_ip_protocol")).contains(4.0);
    assertThat(m.value("probe_timeout_seconds")).contains(5.0);
    assertThat(m.has("probe_duration_seconds")).isTrue();
    assertThat(m.has("probe_failure_info")).isFalse();
  }

  @Test
  void aFailedProbeIsStill200WithSuccessZeroAndTheFailureKind() throws Exception {
    http.fail("http://app.test/", FailureKind.CONNECTION_REFUSED).respond("http://app.test/missing", 404);
    start(Map.of("probe.allowed-targets", "app.test"));

    PrometheusTextParser.Exposition refused = PrometheusTextParser.parse(get("/probe?target=app.test").body());
    assertThat(refused.value("probe_success")).contains(0.0);
    assertThat(refused.value("probe_http_status_code")).contains(0.0);
    assertThat(refused.value("probe_failure_info", "kind", "CONNECTION_REFUSED")).contains(1.0);

    PrometheusTextParser.Exposition missing = PrometheusTextParser.parse(
        get("/probe?target=" + encode("http://app.test/missing")).body());
    assertThat(missing.value("probe_success")).contains(0.0);
    assertThat(missing.value("probe_http_status_code")).contains(404.0);
    assertThat(missing.value("probe_failure_info", "kind", "UNEXPECTED_STATUS")).contains(1.0);
  }

  @Test
  void debugShowsWhyAProbeFailedTheMetricsAndTheModule() throws Exception {
    http.fail("http://app.test/", FailureKind.CONNECTION_REFUSED).respond("http://app.test/ok", 200,
        "set-cookie", "sessionid=s3cr3t");
    start(Map.of("probe.allowed-targets", "app.test"));

    HttpResponse<String> refused = get("/probe?target=app.test&debug=true");
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("text/plain"));
    assertThat(refused.body()).startsWith("Logs for the probe:\nProbing app.test with module http_2xx")
        .contains("Probe failed: CONNECTION_REFUSED (")
        .contains("\"kind\" : \"CONNECTION_REFUSED\"")
        .contains("Metrics that would have been returned:\n")
        .contains("probe_success 0")
        .contains("Module configuration:\nprober: http\ntimeout: 5000ms\n");

    String ok = get("/probe?target=" + encode("http://app.test/ok") + "&debug=true").body();
    assertThat(ok).contains("Probe succeeded").contains("HTTP/1.1 200").contains("sessionid=<redacted>")
        .doesNotContain("s3cr3t");
  }

  @Test
  void hostnameNeedsAnHttpModuleAHostNameAndAnAddressTarget() throws Exception {
    start(Map.of("probe.allowed-targets", "app.test,127.0.0.1"));
    assertThat(get("/probe?target=app.test&hostname=vhost.test").statusCode()).isEqualTo(400);
    assertThat(get("/probe?target=app.test&hostname=vhost.test").body()).contains("IP address")
        .contains("\"app.test\"");
    assertThat(get("/probe?target=127.0.0.1&hostname=10.0.0.1").body()).contains("must be a host name");
    assertThat(get("/probe?module=tcp_connect&target=127.0.0.1:80&hostname=vhost.test").body())
        .contains("hostname is for http modules");
  }

  @Test
  void statusRangesAreConfigurablePerModule() throws Exception {
    http.respond("http://app.test/", 301, "location", "http://app.test/elsewhere");
    start(Map.of("probe.allowed-targets", "app.test", "module.http_3xx.prober", "http",
        "module.http_3xx.follow_redirects", "false", "module.http_3xx.valid_status_codes", "200-299,301-302"));

    PrometheusTextParser.Exposition m = PrometheusTextParser.parse(get("/probe?module=http_3xx&target=app.test")
        .body());
    assertThat(m.value("probe_success")).contains(1.0);
    assertThat(m.value("probe_http_status_code")).contains(301.0);
  }

  @Test
  void probeOfIcmpGivesLossAndRttStatisticsFromSeveralPackets() throws Exception {
    ping.lossy("192.0.2.9", 0.25, Duration.ofMillis(12));
    start(Map.of("probe.allowed-targets", "192.0.2.9", "module.icmp.prober", "icmp", "module.icmp.count", "8"));

    PrometheusTextParser.Exposition m = PrometheusTextParser.parse(get("/probe?module=icmp&target=192.0.2.9").body());
    assertThat(m.value("probe_success")).contains(1.0);
    assertThat(m.value("probe_icmp_packets_sent")).contains(8.0);
    assertThat(m.value("probe_icmp_packets_received")).contains(6.0);
    assertThat(m.value("probe_icmp_packet_loss_ratio")).contains(0.25);
    assertThat(m.value("probe_icmp_duration_seconds", "phase", "rtt")).contains(0.012);
    assertThat(m.value("probe_icmp_rtt_min_seconds")).contains(0.012);
    assertThat(m.value("probe_icmp_rtt_avg_seconds")).contains(0.012);
    assertThat(m.value("probe_icmp_rtt_max_seconds")).contains(0.012);
    assertThat(m.value("probe_icmp_rtt_mdev_seconds")).contains(0.0);
    assertThat(m.value("probe_icmp_reply_hop_limit")).contains(64.0);
  }

  @Test
  void probeOfAnUnansweredHostFailsWithTimeout() throws Exception {
    start(Map.of("probe.allowed-targets", "192.0.2.10", "module.icmp.prober", "icmp"));

    PrometheusTextParser.Exposition m = PrometheusTextParser.parse(get("/probe?module=icmp&target=192.0.2.10")
        .body());
    assertThat(m.value("probe_success")).contains(0.0);
    assertThat(m.value("probe_icmp_packet_loss_ratio")).contains(1.0);
    assertThat(m.value("probe_failure_info", "kind", "TIMEOUT")).contains(1.0);
  }

  @Test
  void probeOfADnsServerUsesTheModulesQueryName() throws Exception {
    dns.address("www.example.test", "192.0.2.80").records("example.test", RecordType.SOA,
        "ns1.example.test. hostmaster.example.test. 2026112401 7200 3600 1209600 300");
    start(Map.of("probe.allowed-targets", "127.0.0.1:5353",
        "module.dns_www.prober", "dns", "module.dns_www.query_name", "www.example.test",
        "module.dns_soa.prober", "dns", "module.dns_soa.query_name", "example.test",
        "module.dns_soa.query_type", "SOA",
        "module.dns_missing.prober", "dns", "module.dns_missing.query_name", "missing.example.test"));

    PrometheusTextParser.Exposition www = PrometheusTextParser.parse(
        get("/probe?module=dns_www&target=127.0.0.1:5353").body());
    assertThat(www.value("probe_success")).contains(1.0);
    assertThat(www.value("probe_dns_answer_rrs")).contains(1.0);
    assertThat(www.value("probe_dns_query_succeeded")).contains(1.0);
    assertThat(www.value("probe_dns_duration_seconds", "phase", "request")).contains(0.001);
    assertThat(dns.received().get(0).servers().get(0).getPort()).isEqualTo(5353);

    assertThat(PrometheusTextParser.parse(get("/probe?module=dns_soa&target=127.0.0.1:5353").body())
        .value("probe_dns_serial")).contains(2026112401.0);
    PrometheusTextParser.Exposition missing = PrometheusTextParser.parse(
        get("/probe?module=dns_missing&target=127.0.0.1:5353").body());
    assertThat(missing.value("probe_success")).contains(0.0);
    assertThat(missing.value("probe_failure_info", "kind", "UNEXPECTED_RCODE")).contains(1.0);
  }

  @Test
  void targetsOutsideTheAllowListAreRefusedWith403() throws Exception {
    http.respond("http://app.test/", 200);
    start(Map.of("probe.allowed-targets", "app.test:8080, 127.0.0.1"));

    assertThat(get("/probe?target=" + encode("http://evil.test/")).statusCode()).isEqualTo(403);
    assertThat(get("/probe?target=" + encode("http://app.test/")).statusCode()).isEqualTo(403);
    assertThat(get("/probe?target=" + encode("http://app.test:8080/")).statusCode()).isEqualTo(200);
    assertThat(get("/probe?module=tcp_connect&target=127.0.0.1:22").statusCode()).isEqualTo(200);
    assertThat(http.received()).hasSize(1);
    assertThat(metrics().value("netprobe_probe_refused_total", "reason", "forbidden")).contains(2.0);
  }

  @Test
  void withoutAnAllowListEveryTargetIsRefused() throws Exception {
    start(Map.of());
    assertThat(get("/probe?target=127.0.0.1").statusCode()).isEqualTo(403);
  }

  @Test
  void badRequestsAre400() throws Exception {
    start(Map.of("probe.allowed-targets", "app.test"));
    HttpResponse<String> noTarget = get("/probe?module=http_2xx");
    assertThat(noTarget.statusCode()).isEqualTo(400);
    assertThat(noTarget.body()).isEqualTo("Target parameter is missing\n");
    assertThat(get("/probe?module=nope&target=app.test").body()).isEqualTo("Unknown module \"nope\"\n");
    assertThat(get("/probe?module=tcp_connect&target=app.test").statusCode()).isEqualTo(400);
    assertThat(get("/probe?target=" + encode("ftp://app.test/")).statusCode()).isEqualTo(400);
    assertThat(httpClient.send(HttpRequest.newBuilder(uri("/probe?target=app.test"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(405);
  }

  @Test
  void theRequestRateIsBounded() throws Exception {
    http.respond("http://app.test/", 200);
    start(Map.of("probe.allowed-targets", "app.test", "probe.max-requests-per-second", "2"));

    int ok = 0;
    int limited = 0;
    for (int i = 0; i < 6; i++) {
      HttpResponse<String> r = get("/probe?target=app.test");
      if (r.statusCode() == 429) {
        limited++;
        assertThat(r.headers().firstValue("retry-after")).contains("1");
      } else {
        ok++;
      }
    }
    assertThat(limited).isGreaterThanOrEqualTo(2);
    assertThat(ok).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theScrapeTimeoutHeaderShortensTheProbeTimeout() throws Exception {
    tcp.silent("127.0.0.1", 9);
    start(Map.of("probe.allowed-targets", "127.0.0.1"));

    long t0 = System.nanoTime();
    HttpResponse<String> r = httpClient.send(HttpRequest.newBuilder(uri("/probe?module=tcp_connect&target="
        + encode("127.0.0.1:9"))).header("X-Prometheus-Scrape-Timeout-Seconds", "1.5").build(),
        HttpResponse.BodyHandlers.ofString());
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    PrometheusTextParser.Exposition m = PrometheusTextParser.parse(r.body());
    assertThat(m.value("probe_timeout_seconds")).contains(1.0);
    assertThat(m.value("probe_failure_info", "kind", "TIMEOUT")).contains(1.0);
    assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
  }

  @Test
  void metricsOfTheServiceParseAndCountProbesAndChecks() throws Exception {
    tcp.open("db.test", 5432);
    http.respond("http://app.test/", 200);
    start(Map.of("probe.allowed-targets", "app.test", "check.db.probe", "tcp", "check.db.target", "db.test:5432"));
    awaitAllChecked();
    get("/probe?target=app.test");
    get("/probe?target=evil.test");

    PrometheusTextParser.Exposition m = metrics();
    assertThat(m.value("netprobe_probe_requests_total", "module", "http_2xx", "result", "success")).contains(1.0);
    assertThat(m.value("netprobe_probe_refused_total", "reason", "forbidden")).contains(1.0);
    assertThat(m.value("netprobe_health_check_status", "check", "db", "status", "UP")).contains(1.0);
    assertThat(m.value("netprobe_health_check_status", "check", "db", "status", "DOWN")).contains(0.0);
    assertThat(m.has("netprobe_health_check_age_seconds")).isTrue();
    assertThat(m.has("jvm_threads_current")).isTrue();
  }

  private PrometheusTextParser.Exposition metrics() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    return PrometheusTextParser.parse(r.body());
  }

  private void start(Map<String, String> config) throws IOException {
    Map<String, String> all = new HashMap<>(config);
    all.put("server.port", "0");
    server = HealthEndpointServer.start(EndpointConfig.parse(all, client), client);
  }

  private void awaitAllChecked() {
    await(() -> server.monitor().snapshot().checks().stream().allMatch(c -> c.last().isPresent())
        && server.monitor().snapshot().status() != HealthStatus.UNKNOWN);
  }

  private static void await(BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 10 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return httpClient.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
