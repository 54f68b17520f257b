package io.netprobe.health.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.RecordType;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.HealthStatus;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.icmp.PingRequest;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.TcpConnectRequest;
import io.netprobe.sockets.TransportProtocol;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckDefinitionsTest {
  private final FakeHttpBackend http = new FakeHttpBackend();
  private final FakeTcpConnectBackend tcp = new FakeTcpConnectBackend();
  private final ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(4)).backend(http).backend(tcp)
      .build();
  private final CheckDefinitions definitions = CheckDefinitions.using(client);

  @Test
  void httpWithEveryOption() {
    HealthCheck<?> c = definitions.check("web", Map.of("probe", "HTTP", "target", "https://a.test/x",
        "method", "get", "follow-redirects", "TRUE", "insecure", "true", "timeout", "3s", "interval", "15s",
        "expect", "status 200-399; certificate 14d"));
    HttpProbeRequest r = (HttpProbeRequest) c.request();

    assertThat(c.name()).isEqualTo("web");
    assertThat(r.spec().url()).hasToString("https://a.test/x");
    assertThat(r.spec().method()).isEqualTo("GET");
    assertThat(r.spec().maxRedirects()).isEqualTo(HttpProbeRequest.DEFAULT_MAX_REDIRECTS);
    assertThat(r.spec().insecure()).isTrue();
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.interval()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void httpDefaultsAndFalseFlags() {
    HealthCheck<?> c = definitions.check("web", Map.of("probe", "http", "target", "https://a.test/",
        "follow-redirects", "false", "insecure", "False"));
    HttpProbeRequest r = (HttpProbeRequest) c.request();

    assertThat(r.spec().method()).isEqualTo("HEAD");
    assertThat(r.spec().maxRedirects()).isZero();
    assertThat(r.spec().insecure()).isFalse();
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(c.interval()).isEqualTo(HealthCheck.DEFAULT_INTERVAL);
  }

  @Test
  void httpExpectsStatus2xxByDefault() {
    http.respond("http://moved.test/", 301).respond("http://ok.test/", 204);

    assertThat(definitions.check("a", Map.of("probe", "http", "target", "http://moved.test/")).run().reason())
        .isEqualTo("status 301 is not in 200-299");
    assertThat(definitions.check("b", Map.of("probe", "http", "target", "http://ok.test/", "expect", " "))
        .run().status()).isEqualTo(HealthStatus.UP);
    Map<String, String> bound = new HashMap<>(Map.of("probe", "http", "target", "http://moved.test/"));
    bound.put("expect", null);
    assertThat(definitions.check("c", bound).run().reason()).isEqualTo("status 301 is not in 200-299");
  }

  @Test
  void dnsWithTypeAndServer() {
    DnsRequest r = (DnsRequest) definitions.check("dns", Map.of("probe", "dns", "target", "a.test",
        "type", "aaaa", "server", "[::1]:5353")).request();
    DnsRequest plain = (DnsRequest) definitions.check("dns", Map.of("probe", "dns", "target", "a.test",
        "server", "127.0.0.1")).request();

    assertThat(r.spec().name()).isEqualTo("a.test");
    assertThat(r.spec().type()).isEqualTo(RecordType.AAAA);
    assertThat(r.spec().servers()).containsExactly(new InetSocketAddress("::1", 5353));
    assertThat(plain.spec().type()).isEqualTo(RecordType.A);
    assertThat(plain.spec().servers()).containsExactly(new InetSocketAddress("127.0.0.1", 53));
  }

  @Test
  void tcpWithHostAndPortSucceedsByDefault() {
    tcp.open("db.test", 5432);
    HealthCheck<?> c = definitions.check("db", Map.of("probe", "tcp", "target", "db.test:5432"));
    TcpConnectRequest r = (TcpConnectRequest) c.request();

    assertThat(r.spec().host().input()).isEqualTo("db.test");
    assertThat(r.spec().port()).isEqualTo(5432);
    assertThat(c.run().status()).isEqualTo(HealthStatus.UP);
    assertThat(definitions.check("db", Map.of("probe", "tcp", "target", "db.test:1")).run().status())
        .isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void pingWithCountAndInterval() {
    PingRequest r = (PingRequest) definitions.check("gw", Map.of("probe", "ping", "target", "192.0.2.1",
        "count", "10", "ping-interval", "100ms", "expect", "loss 10 50; rtt 50ms")).request();

    assertThat(r.spec().host().ascii()).isEqualTo("192.0.2.1");
    assertThat(r.spec().count()).isEqualTo(10);
    assertThat(r.spec().interval()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void socketsOfTcpByDefaultOrUdpWithoutOwners() {
    ListeningSocketsRequest tcpOnly = (ListeningSocketsRequest) definitions.check("s",
        Map.of("probe", "sockets", "expect", "loopback-only 5432")).request();
    ListeningSocketsRequest udp = (ListeningSocketsRequest) definitions.check("s",
        Map.of("probe", "sockets", "protocol", "UDP", "expect", "listens 53")).request();
    ListeningSocketsRequest tcpAgain = (ListeningSocketsRequest) definitions.check("s",
        Map.of("probe", "sockets", "protocol", "tcp")).request();

    assertThat(tcpOnly.spec().protocols()).containsExactly(TransportProtocol.TCP);
    assertThat(tcpOnly.spec().owners()).isFalse();
    assertThat(udp.spec().protocols()).containsExactly(TransportProtocol.UDP);
    assertThat(udp.spec().owners()).isFalse();
    assertThat(tcpAgain.spec().protocols()).containsExactly(TransportProtocol.TCP);
  }

  @Test
  void propertiesUnderThePrefixBecomeChecksOrderedByName() {
    Map<String, String> p = new HashMap<>(Map.of(
        "check.web.probe", "http", "check.web.target", "https://a.test/",
        "check.db.probe", "tcp", "check.db.target", "db.test:5432",
        "server.port", "80", "checks.other", "x", "check", "y"));
    List<HealthCheck<?>> checks = definitions.parse(p);

    assertThat(checks).extracting(HealthCheck::name).containsExactly("db", "web");
    assertThat(definitions.prefix()).isEqualTo("check");
    assertThat(definitions).hasToString("CheckDefinitions[check.<name>.<key>, " + client + "]");
  }

  @Test
  void anotherPrefixForAConfigurationBinder() {
    CheckDefinitions spring = definitions.prefix("netprobe.health.checks");
    List<HealthCheck<?>> checks = spring.parse(Map.of("netprobe.health.checks.db.probe", "tcp",
        "netprobe.health.checks.db.target", "db.test:5432", "check.web.probe", "http"));

    assertThat(checks).extracting(HealthCheck::name).containsExactly("db");
    assertThat(spring.prefix()).isEqualTo("netprobe.health.checks");
    assertThatThrownBy(() -> spring.check("db", Map.of("probe", "tcp", "target", "db.test"))).hasMessage(
        "netprobe.health.checks.db.target: a tcp check needs host:port, like db.internal:5432, was \"db.test\"");
    for (String bad : new String[] {"", ".check", "check.", "a..b", "a b"}) {
      assertThatThrownBy(() -> definitions.prefix(bad)).isInstanceOf(IllegalArgumentException.class).hasMessage(
          "prefix must be dot-separated words like \"check\" or \"netprobe.health.checks\", was \"" + bad + "\"");
    }
  }

  @Test
  void aFileNamesTheLineTheKeyAndTheRule() throws Exception {
    ConfigSource file = ConfigSource.read(new StringReader("""
        server.port=80
        check.web.probe=http
        check.web.target=https://a.test/
        check.web.expect=status 2xx; status 2x
        """));
    CheckDefinitionException e = assertThrows(CheckDefinitionException.class, () -> definitions.parse(file));

    assertThat(e).hasMessage("line 4: check.web.expect: rule \"status 2x\": status must be like 2xx, 200-399 or"
        + " 204, was \"2x\"");
    assertThat(e.line()).hasValue(4);
    assertThat(e.key()).contains("check.web.expect");
    assertThat(e.rule()).contains("status 2x");
    assertThat(e.problem()).isEqualTo("status must be like 2xx, 200-399 or 204, was \"2x\"");
  }

  @Test
  void aMissingKeyIsReportedAtTheChecksFirstLine() throws Exception {
    ConfigSource file = ConfigSource.read(new StringReader("""
        check.web.target=https://a.test/

        check.web.expect=status 2xx
        check.zzz.probe=tcp
        """));

    assertThatThrownBy(() -> definitions.parse(file)).hasMessage(
        "line 1: check.web: \"probe\" is missing; it holds the probe type: http, dns, tcp, ping, sockets");
    assertThatThrownBy(() -> definitions.parse(ConfigSource.read(new StringReader("x=1\ncheck.db.probe=tcp\n"))))
        .hasMessage("line 2: check.db: \"target\" is missing; it holds host:port, like db.internal:5432");
  }

  @Test
  void keysMustBePrefixNameKey() throws Exception {
    ConfigSource file = ConfigSource.read(new StringReader("check.web=http\n"));
    assertThatThrownBy(() -> definitions.parse(file)).hasMessage("line 1: check.web: expected check.<name>.<key>");
    assertThatThrownBy(() -> definitions.parse(Map.of("check..probe", "http"))).hasMessage(
        "check..probe: expected check.<name>.<key>");
    assertThatThrownBy(() -> definitions.parse(Map.of("check.web.", "http"))).hasMessage(
        "check.web.: expected check.<name>.<key>");
  }

  @Test
  void everyMistakeInACheckNamesItsKey() {
    assertError(Map.of("target", "https://a.test/"),
        "check.c: \"probe\" is missing; it holds the probe type: http, dns, tcp, ping, sockets");
    assertError(Map.of("probe", "telnet", "target", "db.test:23"),
        "check.c.probe: probe must be http, dns, tcp, ping or sockets, was \"telnet\"");
    assertError(Map.of("probe", "http"), "check.c: \"target\" is missing; it holds a URL, like https://example.com/");
    assertError(Map.of("probe", "dns", "target", " "), "check.c: \"target\" is missing; it holds a name, like"
        + " example.com");
    assertError(Map.of("probe", "ping"), "check.c: \"target\" is missing; it holds a host, like 192.0.2.1");
    assertError(Map.of("probe", "sockets", "target", "localhost"),
        "check.c.target: sockets checks take no target: they list this machine's listening sockets");
    assertError(Map.of("probe", "http", "target", "https://a.test/", "count", "3"),
        "check.c.count: unknown key \"count\"; http checks take [expect, follow-redirects, insecure, interval,"
            + " method, probe, target, timeout]");
    assertError(Map.of("probe", "tcp", "target", "db.test:1", "method", "GET"),
        "check.c.method: unknown key \"method\"; tcp checks take [expect, interval, probe, target, timeout]");
    assertError(Map.of("probe", "sockets", "type", "A"),
        "check.c.type: unknown key \"type\"; sockets checks take [expect, interval, probe, protocol, timeout]");
  }

  @Test
  void mistakesInTargets() {
    assertErrorStartsWith(Map.of("probe", "http", "target", "ftp://a.test/"), "check.c.target: ");
    assertError(Map.of("probe", "tcp", "target", "db.test"),
        "check.c.target: a tcp check needs host:port, like db.internal:5432, was \"db.test\"");
    assertError(Map.of("probe", "tcp", "target", "db.test:99999"), "check.c.target: target \"db.test:99999\" is not"
        + " host or host:port: port must be between 1 and 65535, was 99999");
    assertErrorStartsWith(Map.of("probe", "dns", "target", "a..b"), "check.c.target: Invalid DNS name \"a..b\"");
    assertErrorStartsWith(Map.of("probe", "ping", "target", "a..b"), "check.c.target: Invalid host \"a..b\"");
  }

  @Test
  void mistakesInOptions() {
    assertThatThrownBy(() -> definitions.check("c", Map.of("probe", "http", "target", "https://a.test/", "method",
        "PO ST"))).hasMessageStartingWith("check.c.method: method must be an HTTP token").hasMessageEndingWith(
        "was \"PO ST\"");
    assertError(Map.of("probe", "http", "target", "https://a.test/", "follow-redirects", "yes"),
        "check.c.follow-redirects: must be true or false, was \"yes\"");
    assertError(Map.of("probe", "http", "target", "https://a.test/", "insecure", "1"),
        "check.c.insecure: must be true or false, was \"1\"");
    assertErrorStartsWith(Map.of("probe", "dns", "target", "a.test", "type", "AAAAA"),
        "check.c.type: Unknown DNS record type \"AAAAA\"");
    assertError(Map.of("probe", "dns", "target", "a.test", "server", "[::1"),
        "check.c.server: server \"[::1\" is not host or host:port: missing ']'");
    assertError(Map.of("probe", "ping", "target", "gw.test", "count", "x"),
        "check.c.count: count must be a whole number, was \"x\"");
    assertError(Map.of("probe", "ping", "target", "gw.test", "count", "0"),
        "check.c.count: count must be between 1 and 100000, was 0");
    assertError(Map.of("probe", "ping", "target", "gw.test", "ping-interval", "fast"),
        "check.c.ping-interval: ping-interval must be a number followed by ms, s, m or h (like 500ms or 15s), was"
            + " \"fast\"");
    assertErrorStartsWith(Map.of("probe", "ping", "target", "gw.test", "ping-interval", "1ms"),
        "check.c.ping-interval: interval must be at least 2 ms");
    assertError(Map.of("probe", "sockets", "protocol", "sctp"),
        "check.c.protocol: protocol must be tcp or udp, was \"sctp\"");
  }

  @Test
  void mistakesInIntervalTimeoutExpectAndName() {
    Map<String, String> db = Map.of("probe", "tcp", "target", "db.test:5432");
    assertError(with(db, "interval", "5 minutes"), "check.c.interval: interval must be a number followed by ms, s,"
        + " m or h (like 500ms or 15s), was \"5 minutes\"");
    assertError(with(db, "interval", "10ms"), "check.c.interval: interval must be at least 100 ms, was PT0.01S");
    assertError(with(db, "interval", "25h"), "check.c.interval: interval must be at most PT24H, was PT25H");
    assertError(with(db, "timeout", "soon"), "check.c.timeout: timeout must be a number followed by ms, s, m or h"
        + " (like 500ms or 15s), was \"soon\"");
    assertError(with(db, "timeout", "2h"), "check.c.timeout: timeout must be at most PT1H, was PT2H");
    assertError(with(db, "expect", "status 2xx"),
        "check.c.expect: rule \"status 2xx\": not a rule of tcp checks, which know succeeds, faster-than");
    assertError(with(db, "expect", ";"), "check.c.expect: rule \";\": there is no rule; write one like"
        + " \"succeeds\"; tcp checks know succeeds, faster-than");
    assertThatThrownBy(() -> definitions.check("a+b", db)).isInstanceOf(CheckDefinitionException.class)
        .hasMessage("check.a+b: check name must be 1 to 64 letters, digits, '.', '_' or '-', was \"a+b\"");
  }

  private static Map<String, String> with(Map<String, String> keys, String key, String value) {
    Map<String, String> m = new HashMap<>(keys);
    m.put(key, value);
    return m;
  }

  private void assertError(Map<String, String> keys, String message) {
    assertThatThrownBy(() -> definitions.check("c", keys)).isInstanceOf(CheckDefinitionException.class)
        .hasMessage(message);
  }

  private void assertErrorStartsWith(Map<String, String> keys, String start) {
    assertThatThrownBy(() -> definitions.check("c", keys)).isInstanceOf(CheckDefinitionException.class)
        .hasMessageStartingWith(start);
  }
}
