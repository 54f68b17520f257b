package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsFanOutResult;
import io.netprobe.dns.DnsBatchRequest;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.RecordType;
import io.netprobe.testing.contract.DnsBackendContract;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeDnsBackendTest extends DnsBackendContract {
  private final FakeDnsBackend fake = new FakeDnsBackend()
      .address("www.example.test", "192.0.2.10")
      .records("example.test", RecordType.MX, "10 mail.example.test.")
      .address("nodata.example.test", "192.0.2.20")
      .fail("missing.example.test", FailureKind.NAME_NOT_FOUND)
      .fail("broken.example.test", FailureKind.SERVER_FAILURE)
      .silentServer("192.0.2.53");

  @Test
  void serversCanDisagree() {
    fake.recordsAt("192.0.2.2", "www.example.test", RecordType.A, "192.0.2.99");
    DnsFanOutResult r = Probes.builder().backend(fake).build().dns("www.example.test").server("192.0.2.1")
        .server("192.0.2.2").fanOut().run();
    assertThat(r.agree()).isFalse();
    assertThat(r.groups()).containsExactly(
        Map.entry("192.0.2.10", List.of(new InetSocketAddress("192.0.2.1", 53))),
        Map.entry("192.0.2.99", List.of(new InetSocketAddress("192.0.2.2", 53))));
  }

  @Test
  void theFakeScriptsRcodesAndSilenceAndCoreReadsThem() {
    fake.rcode("notimp.example.test", "NOTIMP").fail("gone.example.test", FailureKind.NAME_NOT_FOUND)
        .fail("down.example.test", FailureKind.TIMEOUT);
    ProbeClient probes = Probes.builder().backend(fake).build();

    DnsResult notimp = probes.dns("notimp.example.test").server("127.0.0.53").run();
    DnsResult gone = probes.dns("gone.example.test").server("127.0.0.53").run();
    DnsResult down = probes.dns("down.example.test").server("127.0.0.53").run();

    assertThat(notimp.rcode()).contains("NOTIMP");
    assertThat(notimp.failureKind()).contains(FailureKind.PROTOCOL_ERROR);
    assertThat(notimp.failure().orElseThrow().message()).isEqualTo(
        "127.0.0.53#53 answered NOTIMP for notimp.example.test. A");
    assertThat(gone.rcode()).contains("NXDOMAIN");
    assertThat(gone.authority()).extracting(a -> a.type().mnemonic()).containsExactly("SOA");
    assertThat(gone.failure().orElseThrow().message()).isEqualTo(
        "gone.example.test. does not exist (NXDOMAIN from 127.0.0.53#53)");
    assertThat(down.header()).as("no response came").isEmpty();
    assertThat(down.failureKind()).contains(FailureKind.TIMEOUT);
    assertThatThrownBy(() -> fake.rcode("x.example.test", "no such")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rcode 'no such'");
  }

  @Override
  protected FakeDnsBackend backend() {
    return fake;
  }

  @Override
  protected DnsRequest atServer(DnsRequest request) {
    return request.server("127.0.0.53");
  }

  @Override
  protected DnsBatchRequest atServer(DnsBatchRequest request) {
    return request.server("127.0.0.53");
  }

  @Override
  protected DnsRequest atSilentServer(DnsRequest request) {
    return request.server("192.0.2.53");
  }
}
