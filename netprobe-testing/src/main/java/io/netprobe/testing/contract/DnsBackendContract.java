package io.netprobe.testing.contract;

import static io.netprobe.testing.contract.ContractAssertions.returnsByDeadline;
import static io.netprobe.testing.contract.ContractAssertions.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.core.FailureKind;
import io.netprobe.core.NetprobeException;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsBatchRequest;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsFanOutResult;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.RecordType;
import io.netprobe.spi.DnsBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link DnsBackend}. Extend it and provide a world in which the server that
 * {@link #atServer(DnsRequest)} points at is authoritative for {@code example.test} with:
 *
 * <ul>
 *   <li>{@code www.example.test} A {@code 192.0.2.10};
 *   <li>{@code example.test} MX {@code 10 mail.example.test.};
 *   <li>{@code nodata.example.test} with an A record and no AAAA;
 *   <li>no {@code missing.example.test} (NXDOMAIN with the zone's SOA in the authority section);
 *   <li>{@code broken.example.test} answered with SERVFAIL;
 * </ul>
 *
 * and {@link #atSilentServer(DnsRequest)} points at a server that never answers.
 */
public abstract class DnsBackendContract {
  /** For subclasses. */
  protected DnsBackendContract() {}


  /** The backend under test. */
  protected abstract DnsBackend backend();

  /** Points the request at the world's authoritative server. */
  protected abstract DnsRequest atServer(DnsRequest request);

  /** Points a batch at the world's authoritative server. */
  protected abstract DnsBatchRequest atServer(DnsBatchRequest request);

  /** Points the request at a server that never answers. */
  protected abstract DnsRequest atSilentServer(DnsRequest request);

  private ProbeClient client() {
    return Probes.builder().backend(backend()).timeout(Duration.ofSeconds(3)).build();
  }

  @Test
  void resolvesAnAddress() {
    DnsResult r = atServer(client().dns("www.example.test")).run();
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.10");
    assertThat(r.answers()).first().satisfies(a -> {
      assertThat(a.name()).isEqualTo("www.example.test.");
      assertThat(a.type()).isEqualTo(RecordType.A);
      assertThat(a.dnsClass()).isEqualTo("IN");
      assertThat(a.data()).isEqualTo("192.0.2.10");
    });
    assertThat(r.header()).hasValueSatisfying(h -> {
      assertThat(h.rcode()).isEqualTo("NOERROR");
      assertThat(h.flags()).contains(DnsFlag.QR);
    });
    assertThat(r.server()).isPresent();
    assertThat(r.transport()).isPresent();
    assertThat(r.queryTime()).isPresent();
    assertThat(r.attempts()).isPositive();
    assertThat(r.orThrow()).isSameAs(r);
  }

  @Test
  void typedRecordsByConstantOrName() {
    DnsResult byConstant = atServer(client().dns("example.test").type(RecordType.MX)).run();
    DnsResult byName = atServer(client().dns("example.test").type("mx")).run();
    for (DnsResult r : new DnsResult[] {byConstant, byName}) {
      wellFormed(r, backend());
      assertThat(r.query().type()).isEqualTo(RecordType.MX);
      assertThat(r.answers()).singleElement().satisfies(a -> {
        assertThat(a.mxPreference()).hasValue(10);
        assertThat(a.target()).contains("mail.example.test.");
      });
    }
  }

  @Test
  void nodataIsItsOwnOutcome() {
    DnsResult r = atServer(client().dns("nodata.example.test").type(RecordType.AAAA)).run();
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.NO_DATA);
    assertThat(r.rcode()).contains("NOERROR");
    assertThat(r.answers()).isEmpty();
    assertThat(r.failure().orElseThrow().message()).as("core's reading of the response, the same for every backend")
        .contains("has no AAAA records at ").contains("(NOERROR, empty answer: NODATA)");
  }

  @Test
  void nxdomainIsAValueWithTheSoa() {
    DnsResult r = atServer(client().dns("missing.example.test")).run();
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(r.rcode()).contains("NXDOMAIN");
    assertThat(r.failure().orElseThrow().message()).as("core's reading of the response, the same for every backend")
        .startsWith("missing.example.test. does not exist (NXDOMAIN from ");
    assertThat(r.authority()).extracting(DnsAnswer::type).contains(RecordType.SOA);
    assertThat(r.authority().stream().filter(a -> a.type().equals(RecordType.SOA)).findFirst().orElseThrow().soa())
        .isPresent();
    Assertions.assertThatThrownBy(r::orThrow).isInstanceOf(NetprobeException.class)
        .extracting(e -> ((NetprobeException) e).kind()).isEqualTo(FailureKind.NAME_NOT_FOUND);
  }

  @Test
  void servfailIsAValue() {
    DnsResult r = atServer(client().dns("broken.example.test")).run();
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.SERVER_FAILURE);
    assertThat(r.rcode()).as("a SERVFAIL on the wire, not a verdict without a response").contains("SERVFAIL");
    assertThat(r.failure().orElseThrow().message()).contains("answered SERVFAIL for broken.example.test. A");
  }

  @Test
  void silentServerTimesOutByTheDeadline() {
    Duration timeout = Duration.ofMillis(400);
    DnsResult r = returnsByDeadline(timeout,
        () -> atSilentServer(client().dns("www.example.test").timeout(timeout)).run());
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.header()).isEmpty();
    assertThat(r.answers()).isEmpty();
  }

  @Test
  void runAsyncCompletesWithTheSameOutcomes() throws Exception {
    DnsResult ok = atServer(client().dns("www.example.test")).runAsync().get(5, TimeUnit.SECONDS);
    DnsResult missing = atServer(client().dns("missing.example.test")).runAsync().get(5, TimeUnit.SECONDS);
    assertThat(ok.isSuccess()).isTrue();
    assertThat(missing.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
  }

  @Test
  void batchKeepsInputOrderAndEachOutcome() {
    DnsBatchResult r = atServer(client().dnsBatch(List.of("www.example.test", "missing.example.test", "broken.example.test",
        "nodata.example.test"))).type(RecordType.A).timeout(Duration.ofSeconds(5)).maxInFlight(2).run();
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.results()).extracting(x -> x.query().input()).containsExactly("www.example.test",
        "missing.example.test", "broken.example.test", "nodata.example.test");
    assertThat(r.results()).allSatisfy(x -> wellFormed(x, backend()));
    assertThat(r.results().get(0).addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.10");
    assertThat(r.results().get(1).failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(r.results().get(2).failureKind()).contains(FailureKind.SERVER_FAILURE);
    assertThat(r.results().get(3).isSuccess()).isTrue();
    assertThat(r.succeeded()).isEqualTo(2);
  }

  @Test
  void fanOutComparesServers() {
    DnsFanOutResult same = atServer(atServer(client().dns("www.example.test"))).fanOut().run();
    assertThat(same.results()).hasSize(2);
    assertThat(same.agree()).isTrue();
    assertThat(same.groups()).containsOnlyKeys("192.0.2.10").allSatisfy((said, servers) ->
        assertThat(servers).hasSize(2));
    assertThat(atServer(atServer(client().dns("www.example.test"))).fanOut().runAsync().join().groups())
        .isEqualTo(same.groups());
    DnsFanOutResult oneSilent = atSilentServer(atServer(client().dns("www.example.test")))
        .timeout(Duration.ofMillis(400)).fanOut().run();
    assertThat(oneSilent.agree()).isFalse();
    assertThat(oneSilent.results().get(1).failureKind()).contains(FailureKind.TIMEOUT);
  }

  @Test
  void reverseQuestionsAskForPtr() {
    DnsRequest r = client().dns("192.0.2.10");
    assertThat(r.spec().type()).isEqualTo(RecordType.PTR);
    assertThat(r.spec().name()).isEqualTo("10.2.0.192.in-addr.arpa");
    assertThat(client().dns("2001:db8::1").spec().name())
        .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
  }

  @Test
  void internationalNamesAreSentAsPunycode() {
    DnsRequest r = client().dns("bücher.example.test");
    assertThat(r.spec().name()).isEqualTo("xn--bcher-kva.example.test");
    assertThat(r.spec().input()).isEqualTo("bücher.example.test");
  }

  @Test
  void badArgumentsAreRejectedBeforeAnythingIsSent() {
    ProbeClient c = client();
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("")).withMessageContaining("empty");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("a".repeat(64) + ".test"))
        .withMessageContaining("63");
    String longName = ("a".repeat(60) + ".").repeat(4) + "abcdefghijklmnopq";
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns(longName)).withMessageContaining("253");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("bad name.test")).withMessageContaining("white");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("a..test")).withMessageContaining("empty label");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("example.test").type("BOGUS"))
        .withMessageContaining("BOGUS");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("example.test").type("TYPE70000"))
        .withMessageContaining("TYPE70000");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("example.test").server("not a server"))
        .withMessageContaining("not a server");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("example.test").server("1.2.3.4.5"))
        .withMessageContaining("1.2.3.4.5");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("example.test").server("127.0.0.1", 0))
        .withMessageContaining("0").withMessageContaining("65535");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("example.test").server("127.0.0.1", 65536))
        .withMessageContaining("65536");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("example.test").timeout(Duration.ofMillis(-1)))
        .withMessageContaining("timeout");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("example.test").tries(0))
        .withMessageContaining("tries");
    assertThatIllegalArgumentException().isThrownBy(() -> c.dns("example.test").ednsBufferSize(100))
        .withMessageContaining("100");
  }
}
