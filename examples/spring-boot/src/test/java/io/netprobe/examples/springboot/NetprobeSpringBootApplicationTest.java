package io.netprobe.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.health.HealthMonitor;
import io.netprobe.health.HealthStatus;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The whole application with netprobe's fake backends: readiness follows the dependencies, liveness does not, and
 * health answers from the background results at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "server.address=127.0.0.1",
    "netprobe.checks.dependencyDns.target=payments.example.test",
    "netprobe.checks.dependencyDns.expect=answer 192.0.2.10",
    "netprobe.checks.dependencyDns.interval=200ms",
    "netprobe.checks.upstreamHttp.target=https://payments.example.test/health",
    "netprobe.checks.upstreamHttp.expect=status 2xx; faster-than 300ms",
    "netprobe.checks.upstreamHttp.interval=200ms",
    "netprobe.checks.databasePort.target=db.example.test:5432",
    "netprobe.checks.databasePort.interval=200ms",
    "netprobe.timeout=1500ms"})
class NetprobeSpringBootApplicationTest {
  static final FakeDnsBackend DNS = new FakeDnsBackend().address("payments.example.test", "192.0.2.10");
  static final FakeHttpBackend HTTP = new FakeHttpBackend().respond("https://payments.example.test/health", 200);
  static final FakeTcpConnectBackend TCP = new FakeTcpConnectBackend().open("db.example.test", 5432);

  @TestConfiguration(proxyBeanMethods = false)
  static class FakeBackends {
    @Bean
    ProbeClient probeClient() {
      return Probes.builder().backend(DNS).backend(HTTP).backend(TCP).build();
    }
  }

  @Value("${local.server.port}")
  int port;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();

  @Autowired
  HealthMonitor monitor;

  @AfterEach
  void restoreHealthyDependencies() {
    TCP.reset();
    TCP.open("db.example.test", 5432);
    HTTP.reset();
    HTTP.respond("https://payments.example.test/health", 200);
    Instant restored = Instant.now();
    // a probe hanging from the test ends at its deadline with TIMEOUT; wait for results from after the restore
    for (String check : new String[] {"databasePort", "upstreamHttp"}) {
      await(() -> monitor.state(check).orElseThrow().last()
          .filter(r -> r.checkedAt().isAfter(restored) && r.status() == HealthStatus.UP).isPresent());
    }
  }

  @Test
  void readinessIncludesTheNetprobeChecksAndIsUpWhenTheyAre() {
    await(() -> get("/actuator/health/readiness").statusCode() == 200);
    String body = get("/actuator/health/readiness").body();

    assertThat(status(body, "readinessState")).isEqualTo("UP");
    assertThat(status(body, "dependencyDns")).isEqualTo("UP");
    assertThat(status(body, "upstreamHttp")).isEqualTo("UP");
    assertThat(status(body, "databasePort")).isEqualTo("UP");
    assertThat(body).contains("\"reason\":\"payments.example.test. A 192.0.2.10\"")
        .contains("\"target\":\"db.example.test:5432\"").contains("\"ageMs\":");
  }

  @Test
  void aRefusedDatabasePortMakesReadinessDownButNotLiveness() {
    TCP.fail("db.example.test", 5432, FailureKind.CONNECTION_REFUSED);
    await(() -> get("/actuator/health/readiness").statusCode() == 503);

    String body = get("/actuator/health/readiness").body();
    assertThat(status(body, "databasePort")).isEqualTo("DOWN");
    assertThat(body).contains("\"failureKind\":\"CONNECTION_REFUSED\"");
    HttpResponse<String> liveness = get("/actuator/health/liveness");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(liveness.body()).doesNotContain("databasePort");
  }

  @Test
  void aSlowUpstreamIsDegradedAndStillReady() {
    HTTP.delay("https://payments.example.test/health", Duration.ofMillis(500));
    await(() -> get("/actuator/health/readiness").body().contains("\"status\":\"DEGRADED\""));

    HttpResponse<String> r = get("/actuator/health/readiness");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(status(r.body(), "upstreamHttp")).isEqualTo("DEGRADED");
    assertThat(JSON.readTree(r.body()).get("status").asString()).isEqualTo("DEGRADED");
    assertThat(JSON.readTree(r.body()).at("/components/netprobe/components/upstreamHttp/details/reason").asString())
        .startsWith("took ").endsWith("limit 300.0 ms");
  }

  @Test
  void healthAnswersFromTheLastResultWhileADatabaseProbeHangs() {
    await(() -> get("/actuator/health/readiness").statusCode() == 200);
    TCP.silent("db.example.test", 5432);
    await(() -> get("/actuator/health/readiness").body().contains("\"running\":true"));

    long t0 = System.nanoTime();
    HttpResponse<String> r = get("/actuator/health/readiness");
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(took).isLessThan(Duration.ofMillis(1000));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(status(r.body(), "databasePort")).isEqualTo("UP");
  }

  private HttpResponse<String> get(String path) {
    try {
      return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The status of one component in Actuator's JSON. */
  private static String status(String json, String component) {
    String path = component.equals("readinessState") ? "/components/" + component + "/status"
        : "/components/netprobe/components/" + component + "/status";
    JsonNode status = JSON.readTree(json).at(path);
    assertThat(status.isMissingNode()).as(component + " in " + json).isFalse();
    return status.asString();
  }

  private static void await(BooleanSupplier condition) {
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within 15 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
