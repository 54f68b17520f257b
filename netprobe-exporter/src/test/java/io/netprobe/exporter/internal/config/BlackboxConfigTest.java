package io.netprobe.exporter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlackboxConfigTest {
  private static Path resource(String name) throws Exception {
    return Path.of(BlackboxConfigTest.class.getResource("/" + name).toURI());
  }

  @Test
  void debianBlackboxYmlLoadsUnchangedWithBlackboxDefaults() throws Exception {
    BlackboxConfig c = BlackboxConfig.load(resource("debian-blackbox.yml"));

    assertThat(c.modules().keySet()).containsExactly("http_2xx", "http_post_2xx", "tcp_connect", "pop3s_banner",
        "grpc", "grpc_plain", "ssh_banner", "irc_banner", "icmp", "icmp_ttl5");
    ModuleConfig http = c.module("http_2xx").orElseThrow();
    assertThat(http.prober()).isEqualTo(Prober.HTTP);
    assertThat(http.timeout()).isEqualTo(Duration.ZERO);
    assertThat(http.http().followRedirects()).isTrue();
    assertThat(http.http().enableHttp2()).isTrue();
    assertThat(http.http().ip()).isEqualTo(new IpProtocol("ip6", true, java.util.Optional.empty()));
    assertThat(http.http().method()).isEqualTo("GET");
    assertThat(c.module("http_post_2xx").orElseThrow().http().method()).isEqualTo("POST");
    assertThat(c.module("irc_banner").orElseThrow().tcp().queryResponse()).hasSize(4);
    assertThat(c.module("irc_banner").orElseThrow().tcp().queryResponse().get(2).send()).contains("PONG ${1}");
    assertThat(c.module("icmp").orElseThrow().icmp().ttl()).isEqualTo(64);
    assertThat(c.module("icmp_ttl5").orElseThrow().icmp().ttl()).isEqualTo(5);
    assertThat(c.module("icmp_ttl5").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.module("grpc").orElseThrow().grpc().ip().preferred()).isEqualTo("ip4");
    assertThat(c.module("grpc_plain").orElseThrow().grpc().service()).isEqualTo("service1");
  }

  @Test
  void everyDocumentedOptionParsesIntoItsRecord() throws Exception {
    BlackboxConfig c = BlackboxConfig.load(resource("every-option.yml"));

    HttpOptions h = c.module("http_2xx_example").orElseThrow().http();
    assertThat(h.validHttpVersions()).containsExactly("HTTP/1.1", "HTTP/2.0");
    assertThat(h.headers()).containsEntry("Host", "vhost.example.com");
    assertThat(h.failIfHeaderMatches()).singleElement().satisfies(m -> {
      assertThat(m.header()).isEqualTo("Set-Cookie");
      assertThat(m.allowMissing()).isTrue();
    });
    assertThat(h.ip()).isEqualTo(new IpProtocol("ip4", false, java.util.Optional.empty()));
    assertThat(c.module("http_basic_auth_example").orElseThrow().http().auth().password()).contains("mysecret");
    assertThat(c.module("http_basic_auth_example").orElseThrow().http().auth().toString()).doesNotContain("mysecret");
    assertThat(c.module("http_bearer").orElseThrow().http().bodySizeLimit()).isEqualTo(10L << 20);
    assertThat(c.module("http_bearer").orElseThrow().http().auth().credentials()).contains("s3cr3t-t0ken");
    DnsOptions d = c.module("dns_udp_example").orElseThrow().dns();
    assertThat(d.queryType()).isEqualTo("A");
    assertThat(d.answer().failIfNotMatches()).hasSize(1);
    assertThat(c.module("dns_tcp_example").orElseThrow().dns().queryType()).isEqualTo("ANY");
    assertThat(c.module("dns_over_tls").orElseThrow().dns().dnsOverTls()).isTrue();
    assertThat(c.module("icmp_example").orElseThrow().icmp().ip().sourceAddress()).contains("127.0.0.1");
    assertThat(c.module("ping5").orElseThrow().netprobe().count()).isEqualTo(5);
    assertThat(c.module("ping5").orElseThrow().netprobe().interval()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.module("trace").orElseThrow().netprobe().maxHops()).isEqualTo(8);
    assertThat(c.module("why").orElseThrow().prober()).isEqualTo(Prober.DIAGNOSE);
  }

  @Test
  void unknownKeysAndBadValuesNameFileLineAndKey() {
    List<String[]> cases = List.of(
        new String[] {"modules:\n  m:\n    prober: http\n    foo: 1\n", "f.yml:4: modules.m.foo: unknown key"},
        new String[] {"modules:\n  m:\n    prober: http\n    http:\n      methd: GET\n",
            "f.yml:5: modules.m.http.methd: unknown key"},
        new String[] {"modules:\n  m:\n    prober: http\n    timeout: 5x\n", "f.yml:4: modules.m.timeout: not a duration"},
        new String[] {"modules:\n  m:\n    prober: http\n    http:\n      valid_status_codes: 200\n",
            "f.yml:5: modules.m.http.valid_status_codes: must be a list"},
        new String[] {"modules:\n  m:\n    prober: http\n  m:\n    prober: tcp\n",
            "f.yml:4: modules.m: key already defined at line 2"},
        new String[] {"modules:\n  m:\n    prober: http\n    http:\n      fail_if_body_matches_regexp: ['(abc']\n",
            "f.yml:5: modules.m.http.fail_if_body_matches_regexp: could not compile regular expression \"(abc\""},
        new String[] {"modules:\n  m:\n    prober: http\n    http:\n      fail_if_header_matches:\n"
            + "        - header: X\n", "modules.m.http.fail_if_header_matches.regexp: regexp must be set"},
        new String[] {"modules:\n  m:\n    prober: http\n    http:\n      compression: gzip\n      headers:\n"
            + "        Accept-Encoding: br\n", "invalid configuration \"Accept-Encoding: br\", \"compression: gzip\""},
        new String[] {"modules:\n  m:\n    prober: http\n    http:\n      bearer_token: a\n"
            + "      bearer_token_file: b\n", "at most one of bearer_token & bearer_token_file"},
        new String[] {"modules:\n  m:\n    prober: dns\n    dns:\n      query_type: AXX\n      query_name: x\n",
            "f.yml:5: modules.m.dns.query_type: query type 'AXX' is not valid"},
        new String[] {"modules:\n  m:\n    prober: dns\n    dns:\n      query_type: A\n",
            "query name must be set for DNS module"},
        new String[] {"modules:\n  m:\n    prober: icmp\n    icmp:\n      ttl: 300\n", "\"ttl\" cannot exceed 255"},
        new String[] {"modules:\n  m:\n    prober: icmp\n    icmp:\n      ttl: -1\n", "\"ttl\" cannot be negative"},
        new String[] {"modules:\n  m:\n    prober: http\n    http:\n      tls_config:\n        min_version: TLS14\n",
            "unknown TLS version: TLS14"},
        new String[] {"modules:\n  m:\n    prober: nosuch\n", "f.yml:3: modules.m.prober: prober \"nosuch\" is not valid"},
        new String[] {"modules: [\n", "f.yml:"},
        new String[] {"", "the file is empty"},
        new String[] {"modules:\n  m:\n    prober: http\n    http:\n      body: a\n      body_file: b\n",
            "setting body and body_file both are not allowed"},
        new String[] {"modules:\n  m:\n    prober: tcp\n    tcp:\n      query_response:\n        - expect: a\n"
            + "          expect_bytes: b\n", "expect and expect_bytes are mutually exclusive"},
        new String[] {"modules:\n  m:\n    prober: http\n    http:\n      preferred_ip_protocol: ip5\n",
            "modules.m.http.preferred_ip_protocol: must be one of"});
    for (String[] c : cases) {
      assertThatThrownBy(() -> BlackboxConfig.parse("f.yml", c[0])).as(c[0]).isInstanceOf(ConfigException.class)
          .hasMessageContaining(c[1]);
    }
  }

  @Test
  void emptyModulesIsValid() throws Exception {
    assertThat(BlackboxConfig.parse("f.yml", "modules: {}\n").modules()).isEmpty();
  }

  @Test
  void goDurationsAndSizes() {
    assertThat(GoValues.duration("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoValues.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(GoValues.duration("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(GoValues.bytes("10MB")).isEqualTo(10L << 20);
    assertThat(GoValues.bytes("512KiB")).isEqualTo(512L << 10);
    // blackbox 0.23 refuses a size without a unit: "units: unknown unit  in 10"
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoValues.bytes("10"))
        .hasMessageContaining("unknown unit  in 10");
    assertThat(GoValues.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThatThrownBy(() -> GoValues.duration("5")).hasMessageContaining("not a duration");
  }
}
