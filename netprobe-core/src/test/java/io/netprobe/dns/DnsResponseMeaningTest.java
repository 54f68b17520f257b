package io.netprobe.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a DNS response means, read once in core for every backend and fake ({@link
 * DnsResult.Builder#failureFromResponse(String)}): the rules that netprobe-dns' ResponseReader and FakeDnsBackend
 * each used to write.
 */
class DnsResponseMeaningTest {
  static final DnsSpec Q = new DnsSpec("www.example.test", "www.example.test", RecordType.A, List.of(), false,
      DnsSpec.DEFAULT_EDNS_BUFFER_SIZE, false, true, DnsSpec.DEFAULT_TRIES, Duration.ofSeconds(2));
  static final InetSocketAddress SERVER = new InetSocketAddress(address("192.0.2.53"), 53);
  static final DnsAnswer A = new DnsAnswer("www.example.test.", Duration.ofMinutes(5), "IN", RecordType.A,
      "192.0.2.10");
  static final DnsAnswer SOA = new DnsAnswer("example.test.", Duration.ofHours(1), "IN", RecordType.SOA,
      "ns1.example.test. hostmaster.example.test. 1 7200 3600 1209600 300");
  static final DnsAnswer NS = new DnsAnswer("example.test.", Duration.ofHours(1), "IN", RecordType.NS,
      "ns1.example.test.");

  static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static Optional<ProbeFailure> read(String rcode, List<DnsAnswer> answers, List<DnsAnswer> authority,
      EnumSet<DnsFlag> flags, EdnsInfo edns, String context) {
    return DnsResult.builder(Q).server(SERVER).header(new DnsHeader(7, "QUERY", rcode, flags)).edns(edns)
        .answers(answers).authority(authority).failureFromResponse(context).build().failure();
  }

  static Optional<ProbeFailure> read(String rcode, List<DnsAnswer> answers, List<DnsAnswer> authority) {
    return read(rcode, answers, authority, EnumSet.of(DnsFlag.QR, DnsFlag.AA), null, "");
  }

  @Test
  void noerrorWithAnswersIsASuccess() {
    assertThat(read("NOERROR", List.of(A), List.of())).isEmpty();
  }

  @Test
  void noerrorWithoutAnswersIsNodataOrAReferral() {
    assertThat(read("NOERROR", List.of(), List.of(SOA))).get().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.NO_DATA);
      assertThat(f.message()).isEqualTo("www.example.test. has no A records at 192.0.2.53#53 (NOERROR, empty "
          + "answer: NODATA)");
    });
    assertThat(read("NOERROR", List.of(), List.of(NS), EnumSet.of(DnsFlag.QR), null, "").orElseThrow().message())
        .contains("sent a referral to other name servers");
    assertThat(read("NOERROR", List.of(), List.of(NS)).orElseThrow().message())
        .as("an authoritative answer is not a referral").contains("NODATA");
  }

  @Test
  void rcodesHaveTheirKinds() {
    assertThat(read("NXDOMAIN", List.of(), List.of(SOA)).orElseThrow()).satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.NAME_NOT_FOUND);
      assertThat(f.message()).isEqualTo("www.example.test. does not exist (NXDOMAIN from 192.0.2.53#53)");
    });
    assertThat(read("SERVFAIL", List.of(), List.of()).orElseThrow().kind()).isEqualTo(FailureKind.SERVER_FAILURE);
    assertThat(read("REFUSED", List.of(), List.of()).orElseThrow().kind()).isEqualTo(FailureKind.REFUSED);
    assertThat(read("NOTIMP", List.of(), List.of()).orElseThrow()).satisfies(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
      assertThat(f.message()).isEqualTo("192.0.2.53#53 answered NOTIMP for www.example.test. A");
    });
    assertThat(read("SERVFAIL", List.of(A), List.of()).orElseThrow().kind()).as("answers do not make SERVFAIL good")
        .isEqualTo(FailureKind.SERVER_FAILURE);
  }

  @Test
  void extendedErrorsAndContextGoIntoTheMessage() {
    EdnsInfo edns = new EdnsInfo(1232, 0, false, Optional.empty(),
        List.of(new EdnsInfo.ExtendedDnsError(22, "No Reachable Authority", "at delegation example.test.")));

    ProbeFailure f = read("SERVFAIL", List.of(), List.of(), EnumSet.of(DnsFlag.QR), edns,
        "(other servers: 192.0.2.54#53 answered REFUSED)").orElseThrow();

    assertThat(f.message()).isEqualTo("192.0.2.53#53 answered SERVFAIL for www.example.test. A; EDE 22 (No "
        + "Reachable Authority): at delegation example.test. (other servers: 192.0.2.54#53 answered REFUSED)");
  }

  @Test
  void aResultWithoutAResponseHasNoRcodeToRead() {
    assertThatThrownBy(() -> DnsResult.builder(Q).failureFromResponse()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("header");
  }
}
