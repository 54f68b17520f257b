package io.netprobe.examples.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointConfigTest {
  private final ProbeClient client = Probes.builder().backend(new FakeTcpConnectBackend()).build();

  @Test
  void theBundledExampleFileLoads(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("health-endpoint.properties");
    try (InputStream in = getClass().getResourceAsStream("/health-endpoint.properties")) {
      Files.write(file, in.readAllBytes());
    }
    EndpointConfig c = EndpointConfig.load(file, client);

    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.address().isLoopbackAddress()).isTrue();
    assertThat(c.checks()).extracting(h -> h.name()).containsExactly("exposure", "ssh", "web");
    assertThat(c.checks().get(1).interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.checks().get(1).timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.exporterConfig()).isEmpty();
    assertThat(c.exporterFlags(Path.of("b.yml"))).containsExactly("--config.file=b.yml",
        "--web.listen-address=127.0.0.1:9115", "--probe.max-concurrent=4", "--log.level=warn",
        "--probe.allowed-targets=127.0.0.1, localhost, ::1");
  }

  @Test
  void mistakesInAFileNameTheirLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("health-endpoint.properties");
    Files.writeString(file, "server.port=9115\ncheck.web.probe=http\ncheck.web.target=https://a.test/\n"
        + "check.web.expect=status 2xx; certificate 14\n");
    assertThatThrownBy(() -> EndpointConfig.load(file, client)).hasMessage("line 4: check.web.expect: rule"
        + " \"certificate 14\": certificate needs a number of days like 14d, was \"14\"");

    Files.writeString(file, "# typo\nserver.prot=80\n");
    assertThatThrownBy(() -> EndpointConfig.load(file, client)).hasMessage(
        "line 2: unknown configuration key \"server.prot\"");
    Files.writeString(file, "module.x.prober=http\n");
    assertThatThrownBy(() -> EndpointConfig.load(file, client)).hasMessage(
        "line 1: unknown configuration key \"module.x.prober\"");
  }

  @Test
  void defaultsAreLoopbackAndAnExporterThatProbesOnlyThisMachine() {
    EndpointConfig c = EndpointConfig.parse(Map.of(), client);
    assertThat(c.address().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(c.exporterListen()).isEqualTo("127.0.0.1:9115");
    assertThat(c.exporterFlags(Path.of("b.yml"))).contains("--probe.allowed-targets=127.0.0.1,::1,localhost");
  }

  @Test
  void mistakesAreReportedWithTheKeyAndWhatIsAllowed() {
    assertThatThrownBy(() -> parse("check.db.probe", "tcp", "check.db.target", "db.test")).hasMessage(
        "check.db.target: a tcp check needs host:port, like db.internal:5432, was \"db.test\"");
    assertThatThrownBy(() -> parse("check.db.probe", "telnet", "check.db.target", "db.test:23")).hasMessageContaining(
        "probe must be http, dns, tcp, ping or sockets, was \"telnet\"");
    assertThatThrownBy(() -> parse("check.web.probe", "http", "check.web.target", "http://a.test/",
        "check.web.expect", "loss 20")).hasMessageContaining("rule \"loss 20\": not a rule of http checks");
    assertThatThrownBy(() -> parse("check.web.probe", "http", "check.web.target", "http://a.test/",
        "check.web.expect", "status 2x")).hasMessageContaining("status must be like 2xx");
    assertThatThrownBy(() -> parse("check.web.probe", "http", "check.web.target", "http://a.test/",
        "check.web.count", "3")).hasMessageContaining("unknown key \"count\"");
    assertThatThrownBy(() -> parse("check.db.probe", "tcp", "check.db.target", "db.test:5432",
        "check.db.interval", "5 minutes")).hasMessageContaining("interval must be a number followed by ms, s, m or h");
    assertThatThrownBy(() -> parse("server.prot", "80")).hasMessage("unknown configuration key \"server.prot\"");
    assertThatThrownBy(() -> parse("server.port", "70000")).hasMessageContaining("between 0 and 65535, was 70000");
    assertThatThrownBy(() -> parse("exporter.max-concurrent", "0")).hasMessageContaining(
        "exporter.max-concurrent must be between 1 and 4096, was 0");
  }

  @Test
  void expectionsCombineAndEveryProbeKindBuilds() {
    EndpointConfig c = parse(
        "check.web.probe", "http", "check.web.target", "https://a.test/", "check.web.expect",
        "status 200-399; certificate 14d; faster-than 1s", "check.web.method", "GET",
        "check.web.follow-redirects", "true",
        "check.dns.probe", "dns", "check.dns.target", "a.test", "check.dns.type", "AAAA",
        "check.dns.server", "[::1]:5353", "check.dns.expect", "answer 2001:db8::1",
        "check.gw.probe", "ping", "check.gw.target", "192.0.2.1", "check.gw.count", "10",
        "check.gw.ping-interval", "100ms", "check.gw.expect", "loss 10 50; rtt 50ms",
        "check.db-local.probe", "sockets", "check.db-local.expect", "loopback-only 5432");
    assertThat(c.checks()).extracting(h -> h.name()).containsExactly("db-local", "dns", "gw", "web");
  }

  private EndpointConfig parse(String... keysAndValues) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return EndpointConfig.parse(m, client);
  }
}
