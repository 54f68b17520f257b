package io.netprobe.dns.internal;

import static io.netprobe.testing.contract.ContractAssertions.returnsByDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTransport;
import io.netprobe.dns.EdnsInfo;
import io.netprobe.dns.RecordType;
import io.netprobe.dns.internal.FakeDnsServer.Fault;
import io.netprobe.text.ClassicText;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;

/** Fault injection: what the backend does when the server misbehaves. */
class DnsjavaBackendTest {
  private final ProbeClient client = Probes.builder().backend(new DnsjavaBackend())
      .timeout(Duration.ofSeconds(2)).build();
  private FakeDnsServer server;
  private FakeDnsServer second;

  @BeforeEach
  void start() throws IOException {
    server = zone(new FakeDnsServer("example.test"));
    second = zone(new FakeDnsServer("example.test"));
  }

  private static FakeDnsServer zone(FakeDnsServer s) {
    return s.record("www.example.test. 300 IN A 192.0.2.10");
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    second.close();
  }

  private DnsRequest ask(String name) {
    return client.dns(name).server("127.0.0.1", server.port());
  }

  private void answerWith(String name, Fault fault) {
    server.record(name + ". 300 IN A 192.0.2.77").fault(name, fault);
  }

  @Test
  void silentServerIsAskedThreeTimesAndTimesOutByTheDeadline() {
    server.silent();
    Duration timeout = Duration.ofMillis(600);
    DnsResult r = returnsByDeadline(timeout, () -> ask("www.example.test").timeout(timeout).run());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.attempts()).isEqualTo(3);
    assertThat(server.received()).hasSize(3);
    assertThat(r.failure().orElseThrow().message()).contains("127.0.0.1#" + server.port());
  }

  @Test
  void triesIsConfigurable() {
    server.silent();
    DnsResult r = ask("www.example.test").tries(1).timeout(Duration.ofMillis(300)).run();
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void aLateReplyToTheFirstTransmissionStillCounts() {
    server.record("slow.example.test. 300 IN A 192.0.2.5").delay("slow.example.test", Duration.ofMillis(500));
    DnsResult r = ask("slow.example.test").timeout(Duration.ofMillis(1200)).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.attempts()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void replyWithAWrongIdIsIgnoredAndTheWaitGoesOn() {
    answerWith("spoofed.example.test", Fault.WRONG_ID_FIRST);
    DnsResult r = ask("spoofed.example.test").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.addresses()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.77");
    assertThat(r.attempts()).isEqualTo(1);
  }

  @Test
  void replyForAnotherQuestionIsIgnored() {
    answerWith("confused.example.test", Fault.WRONG_QUESTION_FIRST);
    DnsResult r = ask("confused.example.test").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.answers()).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("confused.example.test."));
  }

  @Test
  void onlyWrongIdsIsAProtocolErrorByTheDeadline() {
    answerWith("liar.example.test", Fault.ONLY_WRONG_ID);
    Duration timeout = Duration.ofMillis(400);
    DnsResult r = returnsByDeadline(timeout, () -> ask("liar.example.test").timeout(timeout).run());
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("id");
  }

  @Test
  void truncatedUdpAnswerIsRetriedOverTcp() {
    answerWith("big.example.test", Fault.TRUNCATE_UDP);
    DnsResult r = ask("big.example.test").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.transport()).contains(DnsTransport.TCP);
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(server.tcpQueries()).isEqualTo(1);
  }

  @Test
  void forcedTcpSendsNoUdp() {
    DnsResult r = ask("www.example.test").tcp().run();
    assertThat(r.transport()).contains(DnsTransport.TCP);
    assertThat(server.tcpQueries()).isEqualTo(1);
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void formerrWithoutOptIsRetriedWithoutEdns() {
    answerWith("old.example.test", Fault.FORMERR_WHEN_EDNS);
    DnsResult r = ask("old.example.test").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.edns()).isEmpty();
    assertThat(server.received()).hasSize(2);
    assertThat(server.received().get(1).getOPT()).isNull();
  }

  @Test
  void formerrIsAProtocolError() {
    answerWith("formerr.example.test", Fault.FORMERR_WITHOUT_OPT);
    DnsResult r = ask("formerr.example.test").run();
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.rcode()).contains("FORMERR");
  }

  @Test
  void servfailCarriesTheExtendedDnsError() {
    answerWith("broken.example.test", Fault.SERVFAIL_WITH_EDE);
    DnsResult r = ask("broken.example.test").run();
    assertThat(r.failureKind()).contains(FailureKind.SERVER_FAILURE);
    assertThat(r.edns().orElseThrow().extendedErrors()).containsExactly(
        new EdnsInfo.ExtendedDnsError(22, "No Reachable Authority", "all upstreams timed out"));
    assertThat(r.failure().orElseThrow().message()).contains("No Reachable Authority");
  }

  @Test
  void servfailOrRefusedMovesOnToTheNextServer() {
    answerWith("flaky.example.test", Fault.SERVFAIL_WITH_EDE);
    second.record("flaky.example.test. 300 IN A 192.0.2.88");
    DnsResult r = ask("flaky.example.test").server("127.0.0.1", second.port()).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.server().orElseThrow().getPort()).isEqualTo(second.port());
    assertThat(r.attempts()).isEqualTo(2);

    answerWith("closed.example.test", Fault.REFUSED);
    second.record("closed.example.test. 300 IN A 192.0.2.89");
    DnsResult refused = ask("closed.example.test").server("127.0.0.1", second.port()).run();
    assertThat(refused.failure()).isEmpty();
  }

  @Test
  void whenEveryServerFailsTheLastAnswerIsReported() {
    answerWith("down.example.test", Fault.SERVFAIL_WITH_EDE);
    second.silent();
    DnsResult r = ask("down.example.test").server("127.0.0.1", second.port()).timeout(Duration.ofMillis(600)).run();
    assertThat(r.failureKind()).contains(FailureKind.SERVER_FAILURE);
    assertThat(r.server().orElseThrow().getPort()).isEqualTo(server.port());
  }

  @Test
  void silentFirstServerLeavesTimeForTheNext() {
    server.silent();
    Duration timeout = Duration.ofMillis(800);
    DnsResult r = returnsByDeadline(timeout,
        () -> ask("www.example.test").server("127.0.0.1", second.port()).timeout(timeout).run());
    assertThat(r.failure()).isEmpty();
    assertThat(r.server().orElseThrow().getPort()).isEqualTo(second.port());
    assertThat(r.attempts()).isEqualTo(4);
  }

  @Test
  void twoSilentServersStillReturnByTheDeadline() {
    server.silent();
    second.silent();
    Duration timeout = Duration.ofMillis(500);
    DnsResult r = returnsByDeadline(timeout,
        () -> ask("www.example.test").server("127.0.0.1", second.port()).timeout(timeout).run());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.failure().orElseThrow().message()).contains(String.valueOf(server.port()))
        .contains(String.valueOf(second.port()));
  }

  @Test
  void oversizedUdpAnswerIsAccepted() {
    answerWith("huge.example.test", Fault.OVERSIZED_UDP);
    DnsResult r = ask("huge.example.test").type(RecordType.TXT).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.transport()).contains(DnsTransport.UDP);
    assertThat(r.messageSize().getAsInt()).isGreaterThan(4000);
    assertThat(r.answers()).hasSize(40);
  }

  @Test
  void malformedPacketIsIgnoredWhileAValidOneMayFollow() {
    answerWith("garbled.example.test", Fault.MALFORMED_FIRST);
    assertThat(ask("garbled.example.test").run().failure()).isEmpty();
  }

  @Test
  void onlyMalformedPacketsIsAProtocolError() {
    answerWith("garbage.example.test", Fault.MALFORMED_ONLY);
    Duration timeout = Duration.ofMillis(400);
    DnsResult r = returnsByDeadline(timeout, () -> ask("garbage.example.test").timeout(timeout).run());
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("malformed");
  }

  @Test
  void aCompressionLoopIsAProtocolErrorThatSaysSo() {
    answerWith("loop.example.test", Fault.COMPRESSION_LOOP_ONLY);
    Duration timeout = Duration.ofMillis(400);
    DnsResult r = returnsByDeadline(timeout, () -> ask("loop.example.test").timeout(timeout).run());
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("malformed").doesNotContain("null");
  }

  @Test
  void anAnswerTruncatedOverUdpAndOverTcpIsAProtocolErrorNotNoData() {
    answerWith("huge.example.test", Fault.TRUNCATE_BOTH);
    DnsResult r = ask("huge.example.test").run();
    assertThat(r.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("truncated over UDP and again over TCP");
  }

  @Test
  void closedPortIsConnectionRefusedAtOnce() throws IOException {
    int closed;
    try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    long start = System.nanoTime();
    DnsResult r = client.dns("www.example.test").server("127.0.0.1", closed).run();
    assertThat(r.failureKind()).contains(FailureKind.CONNECTION_REFUSED);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void dnssecSetsDoAndReportsAd() {
    DnsResult plain = ask("www.example.test").run();
    assertThat(server.received().get(0).getOPT().getFlags() & ExtendedFlags.DO).isZero();
    assertThat(plain.header().orElseThrow().has(DnsFlag.AD)).isFalse();
    DnsResult r = ask("www.example.test").dnssec().run();
    assertThat(server.received().get(1).getOPT().getFlags() & ExtendedFlags.DO).isNotZero();
    assertThat(r.header().orElseThrow().has(DnsFlag.AD)).isTrue();
    assertThat(r.edns().orElseThrow().dnssecOk()).isTrue();
  }

  @Test
  void queryCarriesEdnsRdAndTheBufferSize() {
    ask("www.example.test").ednsBufferSize(4096).noRecursion().run();
    ask("www.example.test").noEdns().run();
    assertThat(server.received().get(0).getOPT().getPayloadSize()).isEqualTo(4096);
    assertThat(server.received().get(0).getHeader().getFlag(Flags.RD)).isFalse();
    assertThat(server.received().get(1).getOPT()).isNull();
    assertThat(server.received().get(1).getHeader().getFlag(Flags.RD)).isTrue();
  }

  @Test
  void defaultEdnsBufferIs1232AndNsidIsReported() {
    DnsResult r = ask("www.example.test").run();
    assertThat(server.received().get(0).getOPT().getPayloadSize()).isEqualTo(1232);
    assertThat(r.edns().orElseThrow().nsid()).contains("fake-1");
  }

  @Test
  void internationalNameIsAskedInPunycode() {
    server.record("xn--bcher-kva.example.test. 300 IN A 192.0.2.44");
    DnsResult r = ask("bücher.example.test").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.query().input()).isEqualTo("bücher.example.test");
    assertThat(server.received().get(0).getQuestion().getName().toString()).isEqualTo("xn--bcher-kva.example.test.");
  }

  @Test
  void ipv6ServerOverUdpAndTcp() throws IOException {
    try (FakeDnsServer v6 = new FakeDnsServer("example.test", "::1")) {
      v6.record("www.example.test. 300 IN AAAA 2001:db8::10").fault("www.example.test", Fault.TRUNCATE_UDP);
      DnsResult r = client.dns("www.example.test").type("AAAA").server("::1", v6.port()).run();
      assertThat(r.failure()).isEmpty();
      assertThat(r.transport()).contains(DnsTransport.TCP);
      assertThat(r.answers().get(0).data()).isEqualTo("2001:db8::10");
      assertThat(ClassicText.render(r)).contains(";; SERVER: ::1#" + v6.port() + "(::1) (TCP)");
    }
  }

  @Test
  void asyncRunsGiveTheSameOutcomes() throws Exception {
    DnsResult one = ask("www.example.test").runAsync().get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(one.isSuccess()).isTrue();
    var batch = client.dnsBatch(List.of("www.example.test", "nope.example.test")).server("127.0.0.1", server.port())
        .runAsync().get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(batch.results().get(0).isSuccess()).isTrue();
    assertThat(batch.results().get(1).failureKind()).contains(FailureKind.NAME_NOT_FOUND);
  }

  @Test
  void traceFromASilentRootReturnsByTheDeadline() {
    server.silent();
    Duration timeout = Duration.ofMillis(500);
    var r = returnsByDeadline(timeout, () -> client.dns("www.example.test").trace().rootServer("127.0.0.1")
        .port(server.port()).timeout(timeout).run());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.answer()).isEmpty();
    assertThat(r.steps()).isNotEmpty().allSatisfy(s -> assertThat(s.zone()).isEqualTo("."));
  }

  @Test
  void validationFromTheSystemRootKeyRunsOffline() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/usr/share/dns/root.key")),
        "no /usr/share/dns/root.key (apt-get install dns-root-data)");
    Duration timeout = Duration.ofSeconds(2);
    var r = returnsByDeadline(timeout, () -> ask("www.example.test").validate().timeout(timeout).run());
    // the fake server knows nothing of the root's keys, so the chain from the root anchor cannot be built
    assertThat(r.status()).isPresent();
    assertThat(r.isSecure()).isFalse();
    assertThat(server.received()).anySatisfy(m -> assertThat(m.getQuestion().getName().toString()).isEqualTo("."));
  }

  @Test
  void badTrustAnchorIsRejected() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ask("www.example.test").validate().trustAnchor(" "))
        .withMessageContaining("trust anchor");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> ask("www.example.test").validate().trustAnchor("this is not a record").run())
        .withMessageContaining("trust anchor");
  }

  @Test
  void systemServersComeFromResolvConf(@TempDir Path dir) throws IOException {
    assertThat(ResolvConf.parse(List.of("# comment", "search example.test", "nameserver 192.0.2.1",
        "nameserver  2001:db8::53", "nameserver fe80::1%eth0", "nameserver not-an-ip", "options ndots:2")))
        .extracting(a -> a.getAddress().getHostAddress() + "#" + a.getPort())
        .containsExactly("192.0.2.1#53", "2001:db8:0:0:0:0:0:53#53", "fe80:0:0:0:0:0:0:1#53");
    Path empty = Files.writeString(dir.resolve("resolv.conf"), "search example.test\n");
    DnsResult r = Probes.builder().backend(new DnsjavaBackend(empty)).build().dns("www.example.test").run();
    assertThat(r.failureKind()).contains(FailureKind.NETWORK_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("nameserver");
  }
}
