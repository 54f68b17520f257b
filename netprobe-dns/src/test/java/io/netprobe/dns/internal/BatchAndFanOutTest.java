package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsFanOutResult;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTransport;
import io.netprobe.dns.RecordType;
import io.netprobe.dns.internal.FakeDnsServer.Fault;
import io.netprobe.text.ClassicText;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch resolution on one socket, and fan-out to several servers, against in-JVM servers. */
class BatchAndFanOutTest {
  private final ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).build();
  private FakeDnsServer server;
  private FakeDnsServer second;

  @BeforeEach
  void start() throws IOException {
    server = new FakeDnsServer("example.test");
    second = new FakeDnsServer("example.test");
    for (int i = 0; i < 300; i++) {
      server.record("h" + i + ".example.test. 300 IN A 192.0.2." + (i % 250 + 1));
    }
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    second.close();
  }

  @Test
  void resultsComeInInputOrderEachWithItsOwnOutcome() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      names.add(i % 3 == 0 ? "missing" + i + ".example.test" : "h" + i + ".example.test");
    }
    DnsBatchResult r = client.dnsBatch(names).server("127.0.0.1", server.port()).maxInFlight(32).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.results()).hasSize(300);
    for (int i = 0; i < 300; i++) {
      DnsResult one = r.results().get(i);
      assertThat(one.query().input()).isEqualTo(names.get(i));
      if (i % 3 == 0) {
        assertThat(one.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
      } else {
        assertThat(one.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2." + (i % 250 + 1));
        assertThat(one.transport()).contains(DnsTransport.UDP);
      }
    }
    assertThat(r.succeeded()).isEqualTo(200);
    assertThat(r.failureCounts()).containsEntry(FailureKind.NAME_NOT_FOUND, 100L);
    assertThat(r.backend()).isEqualTo(DnsjavaBackend.ID);
    assertThat(r.queriesPerSecond()).isPositive();
  }

  @Test
  void misbehavingNamesDoNotHoldUpTheRest() {
    server.record("quiet.example.test. 300 IN A 192.0.2.1").fault("quiet.example.test", Fault.SILENT);
    server.record("trunc.example.test. 300 IN A 192.0.2.2").fault("trunc.example.test", Fault.TRUNCATE_UDP);
    server.record("spoof.example.test. 300 IN A 192.0.2.3").fault("spoof.example.test", Fault.WRONG_ID_FIRST);
    server.record("old.example.test. 300 IN A 192.0.2.4").fault("old.example.test", Fault.FORMERR_WHEN_EDNS);
    server.record("odd.example.test. 300 IN A 192.0.2.5").fault("odd.example.test", Fault.WRONG_QUESTION_FIRST);
    List<String> names = List.of("h1.example.test", "quiet.example.test", "trunc.example.test",
        "spoof.example.test", "old.example.test", "192.0.2.1", "h2.example.test", "odd.example.test");
    long start = System.nanoTime();
    DnsBatchResult r = client.dnsBatch(names).server("127.0.0.1", server.port())
        .queryTimeout(Duration.ofMillis(400)).run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(r.results().get(0).isSuccess()).isTrue();
    assertThat(r.results().get(1).failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.results().get(1).attempts()).isEqualTo(3);
    assertThat(r.results().get(2).transport()).contains(DnsTransport.TCP);
    assertThat(r.results().get(2).isSuccess()).isTrue();
    assertThat(r.results().get(3).isSuccess()).isTrue();
    assertThat(r.results().get(4).isSuccess()).isTrue();
    assertThat(r.results().get(4).edns()).isEmpty();
    assertThat(r.results().get(5).query().type()).isEqualTo(RecordType.PTR);
    assertThat(r.results().get(5).failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(r.results().get(6).isSuccess()).isTrue();
    assertThat(r.results().get(7).answers()).singleElement()
        .satisfies(a -> assertThat(a.name()).isEqualTo("odd.example.test."));
  }

  @Test
  void servfailInABatchMovesOnToTheNextServer() {
    server.record("flaky.example.test. 300 IN A 192.0.2.1").fault("flaky.example.test", Fault.SERVFAIL_WITH_EDE);
    second.record("flaky.example.test. 300 IN A 192.0.2.9");
    DnsBatchResult r = client.dnsBatch(List.of("flaky.example.test")).server("127.0.0.1", server.port())
        .server("127.0.0.1", second.port()).run();
    assertThat(r.results().get(0).addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.9");
    assertThat(r.results().get(0).attempts()).isEqualTo(2);
  }

  @Test
  void batchReturnsByItsDeadlineWhenTheServerIsSilent() {
    server.silent();
    List<String> names = List.of("h1.example.test", "h2.example.test");
    long start = System.nanoTime();
    DnsBatchResult r = client.dnsBatch(names).server("127.0.0.1", server.port()).timeout(Duration.ofMillis(300))
        .run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(450));
    assertThat(r.results()).allSatisfy(one -> assertThat(one.failureKind()).contains(FailureKind.TIMEOUT));
  }

  @Test
  void emptyBatchAndBadNames() {
    assertThat(client.dnsBatch(List.of()).server("127.0.0.1", server.port()).run().results()).isEmpty();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> client.dnsBatch(List.of("ok.example.test", "bad name.test")))
        .withMessageContaining("name 1").withMessageContaining("bad name.test");
    assertThatIllegalArgumentException().isThrownBy(() -> client.dnsBatch(List.of("a.test")).maxInFlight(0))
        .withMessageContaining("maxInFlight");
  }

  @Test
  void fanOutSaysWhetherServersAgree() {
    server.record("www.example.test. 300 IN A 192.0.2.10");
    second.record("www.example.test. 60 IN A 192.0.2.10");
    DnsFanOutResult same = client.dns("www.example.test").server("127.0.0.1", server.port())
        .server("127.0.0.1", second.port()).fanOut().run();
    assertThat(same.agree()).isTrue();
    assertThat(ClassicText.summary(same)).isEqualTo("127.0.0.1#" + server.port() + " and 127.0.0.1#" + second.port()
        + " agree on www.example.test A: 192.0.2.10");

    server.record("new.example.test. 300 IN A 192.0.2.11");
    DnsFanOutResult differ = client.dns("new.example.test").server("127.0.0.1", server.port())
        .server("127.0.0.1", second.port()).fanOut().run();
    assertThat(differ.agree()).isFalse();
    assertThat(differ.results()).hasSize(2);
    assertThat(ClassicText.summary(differ)).isEqualTo("127.0.0.1#" + server.port() + " and 127.0.0.1#" + second.port()
        + " disagree on new.example.test A: 127.0.0.1#" + server.port() + " says 192.0.2.11; 127.0.0.1#"
        + second.port() + " says NXDOMAIN");
  }

  @Test
  void fanOutAsksAtOnceAndReportsSilentServers() {
    server.record("www.example.test. 300 IN A 192.0.2.10");
    second.silent();
    Duration timeout = Duration.ofMillis(500);
    long start = System.nanoTime();
    DnsFanOutResult r = client.dns("www.example.test").server("127.0.0.1", server.port())
        .server("127.0.0.1", second.port()).timeout(timeout).fanOut().run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusMillis(250));
    assertThat(r.agree()).isFalse();
    assertThat(r.failure()).isEmpty();
    assertThat(r.results().get(1).failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(ClassicText.summary(r)).contains("no answer (TIMEOUT)");
    assertThatIllegalArgumentException().isThrownBy(() -> client.dns("www.example.test").fanOut())
        .withMessageContaining("server");
  }
}
