package io.netprobe.spring.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.testing.site.LocalSite;
import io.netprobe.testing.site.SiteResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real application on a random port, configured by properties alone, probing real local servers: a DNS server and
 * an HTTP site ({@link LocalSite}), a TCP listener this test opens, and a port nobody listens on.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StarterApplicationTest {
  private static LocalSite site;
  private static ServerSocket database;
  private static int closedPort;

  @Autowired
  Environment environment;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void servers() throws Exception {
    site = LocalSite.builder("site.netprobe.test").route("/", SiteResponse.status(200)).start();
    database = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
    site.close();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry r) {
    InetSocketAddress dns = site.dns().address();
    String web = "http://127.0.0.1:" + site.httpAddress().getPort() + "/";
    r.add("server.address", () -> "127.0.0.1");
    // Spring Boot 3 turns metrics export off in tests unless asked
    r.add("management.defaults.metrics.export.enabled", () -> "true");
    r.add("management.endpoints.web.exposure.include", () -> "health,prometheus,netprobe");
    r.add("management.endpoint.health.show-details", () -> "always");
    r.add("management.endpoint.health.probes.enabled", () -> "true");
    r.add("management.endpoint.health.group.readiness.include",
        () -> "readinessState,netprobe/web,netprobe/dns,netprobe/db");
    r.add("management.endpoint.health.group.readiness.show-details", () -> "always");
    r.add("netprobe.timeout", () -> "2s");
    r.add("netprobe.checks.web.probe", () -> "http");
    r.add("netprobe.checks.web.target", () -> web);
    r.add("netprobe.checks.web.interval", () -> "1s");
    r.add("netprobe.checks.dns.probe", () -> "dns");
    r.add("netprobe.checks.dns.target", () -> "site.netprobe.test");
    r.add("netprobe.checks.dns.server", () -> "127.0.0.1:" + dns.getPort());
    r.add("netprobe.checks.dns.expect", () -> "answer 127.0.0.1");
    r.add("netprobe.checks.db.probe", () -> "tcp");
    r.add("netprobe.checks.db.target", () -> "127.0.0.1:" + database.getLocalPort());
    r.add("netprobe.checks.closed.probe", () -> "tcp");
    r.add("netprobe.checks.closed.target", () -> "127.0.0.1:" + closedPort);
    r.add("netprobe.diagnosis.network-targets", () -> "127.0.0.1");
    r.add("netprobe.diagnosis.dns-server", () -> "127.0.0.1:" + dns.getPort());
    r.add("netprobe.diagnosis.timeout", () -> "5s");
  }

  @Test
  void healthReadinessPrometheusAndTheEndpoint() throws Exception {
    String health = awaitBody("/actuator/health", b -> b.contains("\"closed\"") && !b.contains("no result yet"));
    assertThat(health).contains("\"netprobe\"").contains("\"web\"").contains("\"dns\"").contains("\"db\"");
    assertThat(get("/actuator/health/netprobe/closed").body()).contains("\"status\":\"DOWN\"")
        .contains("CONNECTION_REFUSED");
    assertThat(get("/actuator/health/netprobe/dns").body()).contains("\"status\":\"UP\"");
    assertThat(get("/actuator/health/netprobe/web").body()).contains("\"status\":\"UP\"")
        .contains("\"status\":200");

    HttpResponse<String> readiness = get("/actuator/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"web\"").contains("\"dns\"").contains("\"db\"").doesNotContain("closed");
    assertThat(get("/actuator/health/liveness").body()).doesNotContain("netprobe");

    String prometheus = get("/actuator/prometheus").body();
    assertThat(prometheus)
        .contains("netprobe_check_status{check=\"closed\",status=\"down\"} 1.0")
        .contains("netprobe_check_status{check=\"db\",status=\"up\"} 1.0")
        .contains("netprobe_check_age_seconds{check=\"web\"}")
        .containsPattern("netprobe_probe_seconds_count\\{[^}]*failure=\"CONNECTION_REFUSED\"[^}]*kind=\"tcp\""
            + "[^}]*target=\"127.0.0.1:" + closedPort + "\"");

    String list = get("/actuator/netprobe").body();
    assertThat(list).contains("\"web\"").contains("\"probe\":\"http\"").contains("\"target\":\"127.0.0.1:"
        + database.getLocalPort() + "\"");
    HttpResponse<String> unknown = get("/actuator/netprobe/nosuch");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"checks\":[\"closed\",\"db\",\"dns\",\"web\"]").doesNotContain("nosuch");
    HttpResponse<String> diagnosis = http.send(HttpRequest.newBuilder(uri("/actuator/netprobe/web"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(diagnosis.statusCode()).isEqualTo(200);
    assertThat(diagnosis.body()).contains("\"now\"").contains("\"diagnosis\":{\"run\":true").contains("\"layers\"");
    HttpResponse<String> dns = post("/actuator/netprobe/dns");
    assertThat(dns.statusCode()).isEqualTo(200);
    assertThat(dns.body()).contains("\"now\":{\"status\":\"UP\"").contains("\"diagnosis\":{\"run\":false")
        .contains("a dns check's target is not one");
    HttpResponse<String> closed = post("/actuator/netprobe/closed");
    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(closed.body()).contains("\"now\":{\"status\":\"DOWN\"").contains("CONNECTION_REFUSED");
    assertThat(post("/actuator/netprobe/nosuch").statusCode()).isEqualTo(404);
  }

  private String awaitBody(String path, java.util.function.Predicate<String> done) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String body = get(path).body();
    while (!done.test(body) && System.nanoTime() < end) {
      Thread.sleep(200);
      body = get(path).body();
    }
    return body;
  }

  private HttpResponse<String> post(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
  }
}
