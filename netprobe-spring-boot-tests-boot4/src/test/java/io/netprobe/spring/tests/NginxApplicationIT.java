package io.netprobe.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real application on a random port whose http check probes a real nginx on a free loopback port, with
 * {@code netprobe.health.readiness=true} and Boot's availability probes on: readiness follows nginx (a file removed,
 * the check goes DOWN and Boot's probe group, readinessState only without the property, answers 503), liveness
 * never does; the probe timer carries nginx's target; the endpoint diagnoses the check's URL on POST. Skipped when
 * nginx is not installed.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NginxApplicationIT {
  private static LocalNginx nginx;
  private static Path ready;
  private static int noDns;

  @Autowired
  Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startNginx() throws Exception {
    Assumptions.assumeTrue(LocalNginx.available(), "nginx not installed (apt-get install nginx-light)");
    nginx = LocalNginx.start();
    ready = Files.writeString(nginx.html().resolve("ready.html"), "ready\n");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      noDns = s.getLocalPort();
    }
  }

  @AfterAll
  static void stopNginx() {
    if (nginx != null) {
      nginx.close();
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    r.add("server.address", () -> "127.0.0.1");
    r.add("management.defaults.metrics.export.enabled", () -> "true");
    r.add("management.endpoints.web.exposure.include", () -> "health,prometheus,netprobe");
    r.add("management.endpoint.health.show-details", () -> "always");
    r.add("management.endpoint.health.probes.enabled", () -> "true");
    // no management.endpoint.health.group.readiness.* here: any such key makes a user group (including everything
    // unless told otherwise) in place of Boot's probe group (readinessState only), which this test is about
    r.add("netprobe.health.readiness", () -> "true");
    r.add("netprobe.checks.site.probe", () -> "http");
    r.add("netprobe.checks.site.target", () -> "http://127.0.0.1:" + nginx.port() + "/ready.html");
    r.add("netprobe.checks.site.method", () -> "GET");
    r.add("netprobe.checks.site.interval", () -> "200ms");
    r.add("netprobe.checks.site.timeout", () -> "2s");
    r.add("netprobe.checks.nginx-port.probe", () -> "tcp");
    r.add("netprobe.checks.nginx-port.target", () -> "127.0.0.1:" + nginx.port());
    r.add("netprobe.diagnosis.network-targets", () -> "127.0.0.1");
    // the URL is an IP literal; any lookup the checklist still makes goes to a closed loopback port, not the LAN
    r.add("netprobe.diagnosis.dns-server", () -> "127.0.0.1:" + noDns);
    r.add("netprobe.diagnosis.timeout", () -> "5s");
  }

  @Test
  void readinessFollowsNginxAndTheEndpointDiagnosesIt() throws Exception {
    HttpResponse<String> site = await("/actuator/health/netprobe/site", r -> r.body().contains("\"status\":200"));
    assertThat(site.body()).contains("\"status\":\"UP\"").contains("\"status\":200");
    // Boot's probe groups show no components: membership shows in the status (below, 503 once nginx answers 404)
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

    String prometheus = get("/actuator/prometheus").body();
    assertThat(prometheus).containsPattern("netprobe_probe_seconds_count\\{[^}]*failure=\"none\"[^}]*kind=\"http\""
        + "[^}]*target=\"http://127.0.0.1:" + nginx.port() + "\"");

    HttpResponse<String> diagnosis = post("/actuator/netprobe/site");
    assertThat(diagnosis.statusCode()).isEqualTo(200);
    assertThat(diagnosis.body()).contains("\"now\":{\"status\":\"UP\"").contains("\"diagnosis\":{\"run\":true")
        .contains("\"category\":\"OK\"").contains("server: nginx/");
    HttpResponse<String> tcp = post("/actuator/netprobe/nginx-port");
    assertThat(tcp.statusCode()).isEqualTo(200);
    assertThat(tcp.body()).contains("\"now\":{\"status\":\"UP\"").contains("\"diagnosis\":{\"run\":false")
        .contains("a tcp check's target is not one");

    Files.delete(ready);
    HttpResponse<String> notReady = await("/actuator/health/readiness", r -> r.statusCode() == 503);
    assertThat(notReady.statusCode()).as(notReady.body() + nginx.log()).isEqualTo(503);
    assertThat(get("/actuator/health/netprobe/site").body()).contains("\"status\":\"DOWN\"")
        .contains("\"status\":404");
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> await(String path, Predicate<HttpResponse<String>> done) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    HttpResponse<String> r = get(path);
    while (!done.test(r) && System.nanoTime() < end) {
      Thread.sleep(100);
      r = get(path);
    }
    return r;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
  }
}
