package io.netprobe.health.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netprobe.ProbeClient;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeResult;
import io.netprobe.Probes;
import io.netprobe.dns.RecordType;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.HealthResult;
import io.netprobe.health.HealthStatus;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every rule of the text format, judged against results of netprobe-testing's fakes, and every mistake. */
class RuleTextTest {
  private final FakeHttpBackend http = new FakeHttpBackend();
  private final FakeDnsBackend dns = new FakeDnsBackend();
  private final FakePingBackend ping = new FakePingBackend();
  private final FakeSocketTableBackend sockets = new FakeSocketTableBackend();
  private final FakeTcpConnectBackend tcp = new FakeTcpConnectBackend();
  private final ProbeClient probes = Probes.builder().timeout(Duration.ofSeconds(2))
      .backend(http).backend(dns).backend(ping).backend(sockets).backend(tcp).build();

  @Test
  void statusAsAClassARangeOrOneCode() {
    http.respond("http://ok.test/", 204).respond("http://moved.test/", 301).respond("http://gone.test/", 404)
        .respond("http://ok200.test/", 200).respond("http://err.test/", 503);

    assertThat(judge(ProbeType.HTTP, "status 2xx", probes.http("http://ok.test/")).status())
        .isEqualTo(HealthStatus.UP);
    assertThat(judge(ProbeType.HTTP, "status 2xx", probes.http("http://moved.test/")).reason())
        .isEqualTo("status 301 is not in 200-299");
    assertThat(judge(ProbeType.HTTP, "status 200-399", probes.http("http://moved.test/")).status())
        .isEqualTo(HealthStatus.UP);
    assertThat(judge(ProbeType.HTTP, "status 200-399", probes.http("http://gone.test/")).reason())
        .isEqualTo("status 404 is not in 200-399");
    assertThat(judge(ProbeType.HTTP, "status 204", probes.http("http://ok.test/")).status())
        .isEqualTo(HealthStatus.UP);
    assertThat(judge(ProbeType.HTTP, "status 204", probes.http("http://ok200.test/")).reason())
        .isEqualTo("status 200 is not in 204");
    assertThat(judge(ProbeType.HTTP, "STATUS 5XX", probes.http("http://err.test/")).status())
        .isEqualTo(HealthStatus.UP);
  }

  @Test
  void certificateInDays() {
    FakeTls.site(http, "https://soon.test/", Instant.now().plus(Duration.ofDays(5)));

    HealthResult fourteen = judge(ProbeType.HTTP, "certificate 14d", probes.http("https://soon.test/"));
    assertThat(fourteen.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(fourteen.reason()).contains("less than 14 days");
    assertThat(judge(ProbeType.HTTP, "certificate 3d", probes.http("https://soon.test/")).status())
        .isEqualTo(HealthStatus.UP);
    assertThat(judge(ProbeType.HTTP, "certificate 0d", probes.http("https://soon.test/")).status())
        .isEqualTo(HealthStatus.UP);
  }

  @Test
  void answerWithAnAddressOrRecordDataOfSeveralWords() {
    dns.address("a.test", "192.0.2.1").records("a.test", RecordType.MX, "10 mail.a.test.");

    assertThat(judge(ProbeType.DNS, "answer 192.0.2.1", probes.dns("a.test")).status()).isEqualTo(HealthStatus.UP);
    assertThat(judge(ProbeType.DNS, "answer 192.0.2.2", probes.dns("a.test")).reason())
        .contains("does not contain 192.0.2.2");
    assertThat(judge(ProbeType.DNS, "answer 10   mail.a.test", probes.dns("a.test").type("MX")).status())
        .isEqualTo(HealthStatus.UP);
  }

  @Test
  void lossWithOneOrTwoThresholds() {
    ping.lossy("flaky.test", 0.5, Duration.ofMillis(10)).lossy("bad.test", 0.6, Duration.ofMillis(10));

    assertThat(judge(ProbeType.PING, "loss 20", probes.ping("flaky.test").count(10)).status())
        .isEqualTo(HealthStatus.DEGRADED);
    assertThat(judge(ProbeType.PING, "loss 20%", probes.ping("flaky.test").count(10)).status())
        .isEqualTo(HealthStatus.DEGRADED);
    assertThat(judge(ProbeType.PING, "loss 60", probes.ping("flaky.test").count(10)).status())
        .isEqualTo(HealthStatus.UP);
    assertThat(judge(ProbeType.PING, "loss 20 50", probes.ping("bad.test").count(10)).status())
        .isEqualTo(HealthStatus.DOWN);
    assertThat(judge(ProbeType.PING, "loss 20 70", probes.ping("bad.test").count(10)).status())
        .isEqualTo(HealthStatus.DEGRADED);
    assertThat(judge(ProbeType.PING, "loss 12.5 12.5", probes.ping("bad.test").count(10)).status())
        .isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void rttAverage() {
    ping.reply("slow.test", Duration.ofMillis(300));

    assertThat(judge(ProbeType.PING, "rtt 100ms", probes.ping("slow.test")).reason())
        .isEqualTo("average rtt 300.0 ms, limit 100.0 ms");
    assertThat(judge(ProbeType.PING, "rtt 1s", probes.ping("slow.test")).status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void listensAndLoopbackOnly() {
    sockets.tcp("127.0.0.1", 3306, "mariadbd", 455).tcp("0.0.0.0", 8000, "python", 812);

    assertThat(judge(ProbeType.SOCKETS, "listens 8000", probes.listeningSockets()).status())
        .isEqualTo(HealthStatus.UP);
    assertThat(judge(ProbeType.SOCKETS, "listens 5432", probes.listeningSockets()).reason())
        .isEqualTo("nothing listens on port 5432");
    assertThat(judge(ProbeType.SOCKETS, "loopback-only 3306", probes.listeningSockets()).status())
        .isEqualTo(HealthStatus.UP);
    assertThat(judge(ProbeType.SOCKETS, "loopback-only 8000", probes.listeningSockets()).reason())
        .startsWith("port 8000 is exposed beyond loopback");
  }

  @Test
  void succeedsAndFasterThanForEveryProbeType() {
    tcp.open("db.test", 5432).delay("db.test", 5432, Duration.ofMillis(120));

    assertThat(judge(ProbeType.TCP, "succeeds", probes.tcp("db.test", 5432)).status()).isEqualTo(HealthStatus.UP);
    assertThat(judge(ProbeType.TCP, "succeeds", probes.tcp("db.test", 1)).status()).isEqualTo(HealthStatus.DOWN);
    assertThat(judge(ProbeType.TCP, "faster-than 50ms", probes.tcp("db.test", 5432)).status())
        .isEqualTo(HealthStatus.DEGRADED);
    assertThat(judge(ProbeType.TCP, "faster-than 10s", probes.tcp("db.test", 5432)).status())
        .isEqualTo(HealthStatus.UP);
    for (ProbeType<?> type : ProbeType.all()) {
      assertThat(RuleText.parse(type, "succeeds; faster-than 1s")).isNotNull();
    }
  }

  @Test
  void severalRulesMustAllHoldAndEmptyOnesAreSkipped() {
    tcp.open("db.test", 5432).delay("db.test", 5432, Duration.ofMillis(120));
    http.respond("http://ok.test/", 200);

    assertThat(judge(ProbeType.TCP, " succeeds ;; faster-than 50ms ;", probes.tcp("db.test", 5432)).status())
        .isEqualTo(HealthStatus.DEGRADED);
    assertThat(judge(ProbeType.HTTP, "status 2xx; status 204", probes.http("http://ok.test/")).reason())
        .isEqualTo("status 200 is not in 204");
  }

  @Test
  void aRuleOfAnotherProbeTypeListsTheRulesThisOneKnows() {
    assertRule(ProbeType.HTTP, "loss 20", "loss 20",
        "not a rule of http checks, which know status, certificate, succeeds, faster-than");
    assertRule(ProbeType.DNS, "status 2xx", "status 2xx", "not a rule of dns checks, which know answer, succeeds,"
        + " faster-than");
    assertRule(ProbeType.TCP, "succeeds; listens 80", "listens 80",
        "not a rule of tcp checks, which know succeeds, faster-than");
    assertRule(ProbeType.PING, "ping", "ping", "not a rule of ping checks, which know loss, rtt, succeeds,"
        + " faster-than");
    assertRule(ProbeType.SOCKETS, "answer 1.2.3.4", "answer 1.2.3.4",
        "not a rule of sockets checks, which know listens, loopback-only, succeeds, faster-than");
  }

  @Test
  void noRuleAtAll() {
    assertRule(ProbeType.HTTP, " ; ", " ; ", "there is no rule; write one like \"status 2xx\"; http checks know"
        + " status, certificate, succeeds, faster-than");
    assertRule(ProbeType.TCP, "", "", "there is no rule; write one like \"succeeds\"; tcp checks know succeeds,"
        + " faster-than");
  }

  @Test
  void missingAndExtraArguments() {
    assertRule(ProbeType.HTTP, "status", "status", "status needs an argument, like \"status 2xx\"");
    assertRule(ProbeType.HTTP, "status 2xx 3xx", "status 2xx 3xx", "status takes one argument, like \"status 2xx\"");
    assertRule(ProbeType.HTTP, "certificate", "certificate", "certificate needs an argument, like \"certificate 14d\"");
    assertRule(ProbeType.DNS, "answer", "answer", "answer needs an argument, like \"answer 192.0.2.1\"");
    assertRule(ProbeType.PING, "loss", "loss", "loss needs an argument, like \"loss 20\" or \"loss 20 50\"");
    assertRule(ProbeType.PING, "loss 1 2 3", "loss 1 2 3",
        "loss takes at most 2 arguments, like \"loss 20\" or \"loss 20 50\"");
    assertRule(ProbeType.PING, "rtt", "rtt", "rtt needs an argument, like \"rtt 100ms\"");
    assertRule(ProbeType.SOCKETS, "listens", "listens", "listens needs an argument, like \"listens 8080\"");
    assertRule(ProbeType.SOCKETS, "loopback-only 1 2", "loopback-only 1 2",
        "loopback-only takes one argument, like \"loopback-only 5432\"");
    assertRule(ProbeType.TCP, "faster-than", "faster-than",
        "faster-than needs an argument, like \"faster-than 200ms\"");
    assertRule(ProbeType.TCP, "succeeds now", "succeeds now", "succeeds takes no argument");
  }

  @Test
  void badStatusValues() {
    assertRule(ProbeType.HTTP, "status 2x", "status 2x", "status must be like 2xx, 200-399 or 204, was \"2x\"");
    assertRule(ProbeType.HTTP, "status 6xx", "status 6xx", "status must be like 2xx, 200-399 or 204, was \"6xx\"");
    assertRule(ProbeType.HTTP, "status 600", "status 600", "a status code is between 100 and 599, was 600");
    assertRule(ProbeType.HTTP, "status 099-200", "status 099-200", "a status code is between 100 and 599, was 99");
    assertRule(ProbeType.HTTP, "status 399-200", "status 399-200",
        "a status range goes from low to high, was \"399-200\"");
  }

  @Test
  void badCertificateDays() {
    assertRule(ProbeType.HTTP, "certificate 14", "certificate 14",
        "certificate needs a number of days like 14d, was \"14\"");
    assertRule(ProbeType.HTTP, "certificate 2w", "certificate 2w",
        "certificate needs a number of days like 14d, was \"2w\"");
    assertRule(ProbeType.HTTP, "certificate 4000d", "certificate 4000d",
        "certificate needs at most 3650 days, was \"4000d\"");
  }

  @Test
  void badLossValues() {
    for (String bad : new String[] {"x", "120", "-1", "NaN", "20%%"}) {
      assertRule(ProbeType.PING, "loss " + bad, "loss " + bad,
          "loss must be a percentage from 0 to 100, was \"" + bad + "\"");
    }
    assertRule(ProbeType.PING, "loss 10 x", "loss 10 x", "loss must be a percentage from 0 to 100, was \"x\"");
    assertRule(ProbeType.PING, "loss 50 20", "loss 50 20",
        "the second loss (DOWN from) must not be below the first (DEGRADED from), were 50 and 20");
  }

  @Test
  void badDurations() {
    assertRule(ProbeType.PING, "rtt fast", "rtt fast",
        "rtt must be a number followed by ms, s, m or h (like 500ms or 15s), was \"fast\"");
    assertRule(ProbeType.PING, "rtt 0ms", "rtt 0ms", "rtt must be longer than zero, was \"0ms\"");
    assertRule(ProbeType.PING, "rtt 2m", "rtt 2m", "limit must be at most PT1M, was PT2M");
    assertRule(ProbeType.DNS, "faster-than 1 s", "faster-than 1 s",
        "faster-than takes one argument, like \"faster-than 200ms\"");
    assertRule(ProbeType.DNS, "faster-than 2h", "faster-than 2h", "limit must be at most PT1H, was PT2H");
  }

  @Test
  void badPorts() {
    assertRule(ProbeType.SOCKETS, "listens http", "listens http", "port must be a whole number, was \"http\"");
    assertRule(ProbeType.SOCKETS, "listens 70000", "listens 70000", "port must be between 1 and 65535, was 70000");
    assertRule(ProbeType.SOCKETS, "loopback-only 0", "loopback-only 0", "port must be between 1 and 65535, was 0");
    assertRule(ProbeType.SOCKETS, "loopback-only -1", "loopback-only -1", "port must be a whole number, was \"-1\"");
  }

  @Test
  void theExceptionSaysWhichRuleOfAListIsWrong() {
    CheckDefinitionException e = assertThrows(CheckDefinitionException.class,
        () -> RuleText.parse(ProbeType.HTTP, "status 2xx; certificate 14; faster-than 1s"));

    assertThat(e.rule()).contains("certificate 14");
    assertThat(e.key()).isEmpty();
    assertThat(e.line()).isEmpty();
    assertThat(e.problem()).isEqualTo("certificate needs a number of days like 14d, was \"14\"");
    assertThat(e).hasMessage("rule \"certificate 14\": certificate needs a number of days like 14d, was \"14\"")
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void assertRule(ProbeType<?> type, String text, String rule, String problem) {
    AbstractThrowableAssert<?, ?> a = assertThatThrownBy(() -> RuleText.parse(type, text))
        .isInstanceOf(CheckDefinitionException.class)
        .hasMessage("rule \"" + rule + "\": " + problem);
    a.extracting(t -> ((CheckDefinitionException) t).rule().orElseThrow()).isEqualTo(rule);
  }

  private static <R extends ProbeResult> HealthResult judge(ProbeType<R> type, String text,
      ProbeRequest<R, ?> request) {
    return HealthCheck.of("t", request, RuleText.parse(type, text)).run();
  }
}
