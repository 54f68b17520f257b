package io.netprobe.examples.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.spi.DnsBackend;
import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /probe} dns modules and a {@code /health} DNS check against a real NSD on a free loopback port, through the
 * real DNS backend, compared with dig. Skipped with a reason while no {@link DnsBackend} is on the class path or NSD
 * is not installed.
 */
class NsdProbeIT {
  private static final Path NSD = Path.of("/usr/sbin/nsd");
  private static final Path DIG = Path.of("/usr/bin/dig");

  @TempDir
  static Path dir;
  private static LoopbackDaemon nsd;
  private static int port;

  @BeforeAll
  static void startNsd() throws Exception {
    Assume.that("NsdProbeIT", ServiceLoader.load(DnsBackend.class).findFirst().isPresent(),
        "no DnsBackend on the class path yet");
    Assume.that("NsdProbeIT", Files.isExecutable(NSD), "nsd is not installed (apt-get install nsd)");
    port = FreePorts.tcpAndUdp();
    Files.writeString(dir.resolve("example.test.zone"), """
        $ORIGIN example.test.
        $TTL 300
        @    IN SOA ns1.example.test. hostmaster.example.test. 2026112401 7200 3600 1209600 300
        @    IN NS  ns1.example.test.
        ns1  IN A   127.0.0.1
        www  IN A   192.0.2.80
        www  IN AAAA 2001:db8::80
        """);
    Files.writeString(dir.resolve("nsd.conf"), """
        server:
            ip-address: 127.0.0.1@%2$d
            port: %2$d
            username: ""
            chroot: ""
            zonesdir: "%1$s"
            database: ""
            zonelistfile: "%1$s/zone.list"
            pidfile: "%1$s/nsd.pid"
            xfrdfile: "%1$s/xfrd.state"
            xfrdir: "%1$s"
            logfile: "%1$s/nsd.log"
            server-count: 1
            rrl-ratelimit: 0
            rrl-whitelist-ratelimit: 0
        remote-control:
            control-enable: no
        zone:
            name: example.test
            zonefile: example.test.zone
        """.formatted(dir, port));
    nsd = LoopbackDaemon.start(List.of(NSD.toString(), "-d", "-c", dir.resolve("nsd.conf").toString()),
        dir.resolve("stdout.log"), port);
  }

  @AfterAll
  static void stopNsd() {
    if (nsd != null) {
      nsd.close();
    }
  }

  @Test
  void dnsModulesReportAnswersSerialAndRcodesLikeDig() throws Exception {
    try (HealthEndpointServer server = server(Map.of())) {
      String target = "127.0.0.1:" + port;
      PrometheusTextParser.Exposition www = scrape(server, "dns_www", target);
      assertThat(www.value("probe_success")).contains(1.0);
      assertThat(www.value("probe_dns_query_succeeded")).contains(1.0);
      assertThat(www.value("probe_dns_answer_rrs")).contains((double) dig("www.example.test", "A", "+answer"));
      assertThat(www.value("probe_dns_authority_rrs")).contains((double) dig("www.example.test", "A", "+authority"));
      assertThat(www.value("probe_dns_duration_seconds", "phase", "request").orElseThrow()).isBetween(0.0, 1.0);

      PrometheusTextParser.Exposition soa = scrape(server, "dns_soa", target);
      assertThat(soa.value("probe_dns_serial")).contains(2026112401.0);

      PrometheusTextParser.Exposition missing = scrape(server, "dns_missing", target);
      assertThat(missing.value("probe_success")).contains(0.0);
      assertThat(missing.value("probe_failure_info", "kind", "UNEXPECTED_RCODE")).contains(1.0);
    }
  }

  @Test
  void dnsHealthCheckIsUpForTheRightAnswerAndDownForAWrongOne() throws Exception {
    Map<String, String> checks = new HashMap<>();
    for (String[] c : List.of(new String[] {"right", "192.0.2.80"}, new String[] {"wrong", "192.0.2.81"},
        new String[] {"aaaa", "2001:db8:0:0:0:0:0:80"})) {
      checks.put("check." + c[0] + ".probe", "dns");
      checks.put("check." + c[0] + ".target", "www.example.test");
      checks.put("check." + c[0] + ".server", "127.0.0.1:" + port);
      checks.put("check." + c[0] + ".expect", "answer " + c[1]);
    }
    checks.put("check.aaaa.type", "AAAA");
    try (HealthEndpointServer server = server(checks)) {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.monitor().snapshot().checks().stream().anyMatch(c -> c.last().isEmpty())
          && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(server.monitor().state("right").orElseThrow().status().name()).isEqualTo("UP");
      assertThat(server.monitor().state("aaaa").orElseThrow().status().name()).isEqualTo("UP");
      assertThat(server.monitor().state("wrong").orElseThrow().status().name()).isEqualTo("DOWN");
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("does not contain 192.0.2.81");
    }
  }

  private static HealthEndpointServer server(Map<String, String> extra) throws IOException {
    Map<String, String> config = new HashMap<>(extra);
    config.putAll(Map.of("server.port", "0", "probe.allowed-targets", "127.0.0.1:" + port,
        "module.dns_www.prober", "dns", "module.dns_www.query_name", "www.example.test",
        "module.dns_soa.prober", "dns", "module.dns_soa.query_name", "example.test",
        "module.dns_soa.query_type", "SOA",
        "module.dns_missing.prober", "dns", "module.dns_missing.query_name", "missing.example.test"));
    return HealthEndpointServer.start(EndpointConfig.parse(config, Probes.defaultClient()), Probes.defaultClient());
  }

  private static PrometheusTextParser.Exposition scrape(HealthEndpointServer server, String module, String target)
      throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + server.port() + "/probe?module=" + module + "&target=" + target))
        .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return PrometheusTextParser.parse(r.body());
  }

  /** How many records dig prints in one section (its {@code +noall +<section>} output). */
  private static long dig(String name, String type, String section) throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(DIG), "dig is not installed: no comparison with the real tool");
    Process p = new ProcessBuilder(DIG.toString(), "@127.0.0.1", "-p", String.valueOf(port), name, type, "+noall",
        section).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out.lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count();
  }
}
