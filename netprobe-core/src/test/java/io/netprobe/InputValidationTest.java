package io.netprobe;

import io.netprobe.core.Host;
import io.netprobe.core.Redaction;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.internal.Validate;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every probe validates its input in one place; this table covers the bad and the tricky inputs, and checks that
 * the message names the bad value and the rule.
 */
class InputValidationTest {
  private static final ProbeClient CLIENT = Probes.builder().build();

  static Stream<Arguments> badHosts() {
    return Stream.of(
        Arguments.of("", "must not be empty"),
        Arguments.of(" ", "white space"),
        Arguments.of("exa mple.com", "white space"),
        Arguments.of("example.com\n", "white space"),
        Arguments.of("tab\there", "white space"),
        Arguments.of("a..b", "empty label"),
        Arguments.of(".example.com", "empty label"),
        Arguments.of("example..", "empty label"),
        Arguments.of("a".repeat(64) + ".com", "at most 63"),
        Arguments.of(("a".repeat(63) + ".").repeat(4) + "com", "at most 253"),
        Arguments.of("-leading.example", "starts or ends with '-'"),
        Arguments.of("trailing-.example", "starts or ends with '-'"),
        Arguments.of("exa$mple.com", "contains '$'"),
        Arguments.of("example.com/path", "contains '/'"),
        Arguments.of("user@example.com", "contains '@'"),
        Arguments.of("256.1.1.1", "IPv4"),
        Arguments.of("1.2.3", "IPv4"),
        Arguments.of("010.0.0.1", "IPv4"),
        Arguments.of("1.2.3.4.5", "IPv4"),
        Arguments.of("[::1", "brackets"),
        Arguments.of("[127.0.0.1]", "only IPv6"),
        Arguments.of("[]", "brackets"),
        Arguments.of("2001:db8:::1", "IPv6"),
        Arguments.of("2001:db8::g", "IPv6"),
        Arguments.of("1:2:3:4:5:6:7:8:9", "IPv6"),
        Arguments.of("fe80::1%", "zone id"),
        Arguments.of("fe80::1%eth 0", "white space"),
        Arguments.of(".", "root"));
  }

  @ParameterizedTest(name = "host \"{0}\" is rejected")
  @MethodSource("badHosts")
  void badHostsAreRejectedWithTheValueAndTheRule(String host, String rule) {
    assertThatIllegalArgumentException().isThrownBy(() -> Host.of(host))
        .withMessageContaining(host.strip().isEmpty() ? "\"" : Redaction.display(host.strip()))
        .withMessageContaining(rule);
  }

  static Stream<Arguments> trickyHosts() {
    return Stream.of(
        Arguments.of("example.com", "example.com"),
        Arguments.of("Example.COM.", "example.com"),
        Arguments.of("quizai.juwonpark.me", "quizai.juwonpark.me"),
        Arguments.of("한국.kr", "xn--3e0b707e.kr"),
        Arguments.of("bücher.example", "xn--bcher-kva.example"),
        Arguments.of("_dmarc.example.com", "_dmarc.example.com"),
        Arguments.of("localhost", "localhost"),
        Arguments.of("a".repeat(63) + ".com", "a".repeat(63) + ".com"),
        Arguments.of("127.0.0.1", "127.0.0.1"),
        Arguments.of("0.0.0.0", "0.0.0.0"),
        Arguments.of("255.255.255.255", "255.255.255.255"),
        Arguments.of("::1", "::1"),
        Arguments.of("[::1]", "::1"),
        Arguments.of("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        Arguments.of("[2001:db8::1]", "2001:db8::1"),
        Arguments.of("fe80::1%eth0", "fe80::1%eth0"),
        Arguments.of("::ffff:192.0.2.1", "192.0.2.1"),
        Arguments.of("1e100.net", "1e100.net"));
  }

  @ParameterizedTest(name = "host \"{0}\" becomes {1}")
  @MethodSource("trickyHosts")
  void trickyButValidHostsAreNormalised(String host, String ascii) {
    assertThat(Host.of(host).ascii()).isEqualTo(ascii);
    assertThat(Host.of(host).input()).isEqualTo(host);
  }

  static Stream<Arguments> badUrls() {
    return Stream.of(
        Arguments.of("ftp://example.com/", "only http and https"),
        Arguments.of("file:///etc/passwd", "only http and https"),
        Arguments.of("mailto:a@example.com", "only http and https"),
        Arguments.of("https://", "no host"),
        Arguments.of("https:///path", "no host"),
        Arguments.of("https://:443/", "no host"),
        Arguments.of("http://example.com:0/", "port 0"),
        Arguments.of("http://example.com:65536/", "port 65536"),
        Arguments.of("http://example.com:99999/", "port 99999"),
        Arguments.of("http://example.com:http/", "not a number"),
        Arguments.of("https://exa mple.com/", "white space"),
        Arguments.of("https://example.com/a b", "white space"),
        Arguments.of("https://user:pass@example.com/", "user info"),
        Arguments.of("https://[::1/", "closing ']'"),
        Arguments.of("https://[::g]/", "IPv6"),
        Arguments.of("https://[::1]x/", "not a port"),
        Arguments.of("https://a..b/", "empty label"),
        Arguments.of("", "must not be empty"));
  }

  @ParameterizedTest(name = "URL \"{0}\" is rejected")
  @MethodSource("badUrls")
  void badUrlsAreRejected(String url, String rule) {
    assertThatIllegalArgumentException().isThrownBy(() -> CLIENT.http(url)).withMessageContaining(rule);
  }

  @ParameterizedTest(name = "URL with user info never shows the password")
  @MethodSource("badUrls")
  void userInfoIsRedactedInTheMessage(String url, String rule) {
    if (url.contains("@")) {
      assertThatIllegalArgumentException().isThrownBy(() -> CLIENT.http(url))
          .withMessageNotContaining("pass");
    }
  }

  static Stream<Arguments> goodUrls() {
    return Stream.of(
        Arguments.of("quizai.juwonpark.me", "https://quizai.juwonpark.me/"),
        Arguments.of("http://example.com", "http://example.com/"),
        Arguments.of("HTTPS://Example.com:8443/x?y=1#frag", "https://example.com:8443/x?y=1"),
        Arguments.of("http://[::1]:8080/health", "http://[::1]:8080/health"),
        Arguments.of("https://한국.kr/", "https://xn--3e0b707e.kr/"),
        Arguments.of("127.0.0.1:8000", "https://127.0.0.1:8000/"),
        Arguments.of("https://example.com?q", "https://example.com/?q"),
        Arguments.of("http://[fe80::d%25eth0]:8080/", "http://[fe80::d%eth0]:8080/"),
        Arguments.of("http://[FE80::D%eth0]:8080/", "http://[fe80::d%eth0]:8080/"));
  }

  @Test
  void aNumericZoneBecomesTheScopeIdOfTheLiteral() {
    java.net.Inet6Address a = (java.net.Inet6Address) io.netprobe.core.Host.of("fe80::d%7").literal().orElseThrow();
    assertThat(a.getScopeId()).isEqualTo(7);
    assertThat(io.netprobe.core.Host.of("fe80::d%no-such-nic0").literal().orElseThrow())
        .as("an unknown interface name leaves the address unscoped").isInstanceOf(java.net.Inet6Address.class);
    assertThat(io.netprobe.core.Host.of(a).ascii()).startsWith("fe80::d%");
  }

  @ParameterizedTest(name = "URL \"{0}\" becomes {1}")
  @MethodSource("goodUrls")
  void urlsAreNormalised(String url, String normalised) {
    assertThat(Validate.httpUrl(url)).hasToString(normalised);
  }

  static Stream<Arguments> badNumbers() {
    return Stream.of(
        Arguments.of((Runnable) () -> CLIENT.tcp("localhost", 0), "between 1 and 65535, was 0"),
        Arguments.of((Runnable) () -> CLIENT.tcp("localhost", 70000), "was 70000"),
        Arguments.of((Runnable) () -> CLIENT.tcp("localhost", -1), "was -1"),
        Arguments.of((Runnable) () -> CLIENT.ping("localhost").count(0), "count"),
        Arguments.of((Runnable) () -> CLIENT.ping("localhost").count(-4), "was -4"),
        Arguments.of((Runnable) () -> CLIENT.ping("localhost").payloadSize(65508), "65507"),
        Arguments.of((Runnable) () -> CLIENT.ping("localhost").ttl(0), "ttl"),
        Arguments.of((Runnable) () -> CLIENT.ping("localhost").ttl(256), "was 256"),
        Arguments.of((Runnable) () -> CLIENT.ping("localhost").interval(Duration.ofMillis(1)), "at least 2 ms"),
        Arguments.of((Runnable) () -> CLIENT.traceroute("localhost").maxHops(256), "maxHops"),
        Arguments.of((Runnable) () -> CLIENT.traceroute("localhost").probesPerHop(0), "probesPerHop"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").timeout(Duration.ofSeconds(-1)), "must be positive"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").timeout(Duration.ZERO), "must be positive"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").timeout(Duration.ofDays(2)), "at most PT1H"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").server("127.0.0.1", 0), "was 0"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").server("127.0.0.1", 65536), "was 65536"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").type("BOGUS"), "BOGUS"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").type("TYPE70000"), "TYPE70000"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").tries(0), "tries"),
        Arguments.of((Runnable) () -> CLIENT.dns("a..b"), "empty label"),
        Arguments.of((Runnable) () -> CLIENT.listeningSockets().port(0), "was 0"),
        Arguments.of((Runnable) () -> CLIENT.listeningSockets().port(70000), "was 70000"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").maxRedirects(-1), "maxRedirects"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").method("DEL ETE"), "DEL ETE"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").header("Host", "x"), "Host"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").header("X-A", "a\r\nb"), "line breaks"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").resolve("example.com", "not-an-ip"),
            "IP address"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").type("A\r\n"), "\\r\\n"),
        Arguments.of((Runnable) () -> CLIENT.listeningSockets().process("ngi\0nx"), "\\0"),
        Arguments.of((Runnable) () -> CLIENT.listeningSockets().process("nginx\r\n"), "\\r\\n"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").header("X-A\r\nB", "v"), "\\r\\n"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").method("GE\rT"), "\\r"),
        Arguments.of((Runnable) () -> CLIENT.http("https://exa\0mple.com/"), "\\0"),
        Arguments.of((Runnable) () -> CLIENT.ping("host\r\nname"), "\\r\\n"));
  }

  static Stream<Arguments> nullArguments() {
    return Stream.of(
        Arguments.of((Runnable) () -> CLIENT.http(null), "url"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").tls(null), "implementation"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").header(null, "v"), "name"),
        Arguments.of((Runnable) () -> CLIENT.http("https://example.com").header("X-A", null), "value"),
        Arguments.of((Runnable) () -> CLIENT.dns(null), "name"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").type((String) null), "type"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").type((io.netprobe.dns.RecordType) null), "type"),
        Arguments.of((Runnable) () -> CLIENT.dns("example.com").timeout(null), "timeout"),
        Arguments.of((Runnable) () -> CLIENT.listeningSockets().process(null), "name"),
        Arguments.of((Runnable) () -> CLIENT.ping(null), "host"),
        Arguments.of((Runnable) () -> CLIENT.tcp(null, 80), "host"));
  }

  @ParameterizedTest(name = "[{index}] null {1}")
  @MethodSource("nullArguments")
  void nullArgumentsThrowAtOnceNamingTheParameter(Runnable call, String parameter) {
    org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(call::run)
        .withMessageContaining(parameter);
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("badNumbers")
  void badOptionsAreRejectedAtOnce(Runnable call, String message) {
    assertThatIllegalArgumentException().isThrownBy(call::run).withMessageContaining(message);
  }

  @org.junit.jupiter.api.Test
  void dnsOfAnAddressAsksForItsPtrLikeDigX() {
    assertThat(CLIENT.dns("8.8.4.4").spec().name()).isEqualTo("4.4.8.8.in-addr.arpa");
    assertThat(CLIENT.dns("2001:db8::1").spec().name())
        .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
    assertThat(CLIENT.dns("한국.kr").spec().name()).isEqualTo("xn--3e0b707e.kr");
    assertThat(CLIENT.dns("한국.kr").spec().input()).isEqualTo("한국.kr");
  }
}
