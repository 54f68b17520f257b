package io.netprobe.examples.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.health.HealthStatus;
import io.netprobe.jackson.NetprobeJson;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  void metricsOfTheServiceParseAndShowTheChecks() throws Exception {
    tcp.open("db.test", 5432);
    start(Map.of("check.db.probe", "tcp", "check.db.target", "db.test:5432"));
    awaitAllChecked();

    PrometheusTextParser.Exposition m = metrics();
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
    all.putIfAbsent("exporter.listen-address", "127.0.0.1:0");
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
}
