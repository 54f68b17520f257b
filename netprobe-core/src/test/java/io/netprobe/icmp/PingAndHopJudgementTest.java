package io.netprobe.icmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * How ping results and traceroute hops are judged from the wire, once in core for every backend and fake: what
 * LinuxPingBackend, TraceRun and the fakes each used to decide on their own.
 */
class PingAndHopJudgementTest {
  static final InetAddress TARGET = ip("192.0.2.10");
  static final InetAddress ROUTER = ip("10.0.0.1");
  static final PingSpec SPEC = new PingSpec(Host.of("db.example.test"), 3, Duration.ofSeconds(1),
      Duration.ofSeconds(1), 56, OptionalInt.empty(), OptionalInt.of(5432), Duration.ofSeconds(5));

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static PingResult judge(int transmitted, List<PingReply> replies, List<IcmpError> errors, PingMethod method) {
    return PingResult.of(SPEC, TARGET, Optional.of(method), transmitted, replies, errors, "test", Instant.now(),
        Duration.ofSeconds(2));
  }

  static PingReply reply(int seq, int millis, boolean duplicate) {
    return new PingReply(seq, TARGET, 64, 64, Duration.ofMillis(millis), duplicate);
  }

  @Test
  void oneReplyIsASuccessAndDuplicatesAreCountedApart() {
    PingResult r = judge(3, List.of(reply(1, 10, false), reply(1, 30, true), reply(3, 20, false)), List.of(),
        PingMethod.DATAGRAM_ICMP);

    assertThat(r.failure()).isEmpty();
    assertThat(r.received()).isEqualTo(2);
    assertThat(r.duplicates()).isEqualTo(1);
    assertThat(r.statistics().avg()).as("over the non-duplicates").isEqualTo(Duration.ofMillis(15));
    assertThat(r.lossPercent()).isCloseTo(33.33, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void noReplyFailsWithTheFirstIcmpErrorsKind() {
    PingResult r = judge(3, List.of(), List.of(IcmpError.of(1, ROUTER, 3, 1), IcmpError.of(2, ROUTER, 3, 0)),
        PingMethod.RAW_ICMP);

    assertThat(r.failureKind()).contains(FailureKind.HOST_UNREACHABLE);
    assertThat(r.failure().orElseThrow().message()).isEqualTo("no echo reply from db.example.test (192.0.2.10); "
        + "from 10.0.0.1 icmp_seq=1 Destination Host Unreachable (2 errors, 3 transmitted)");
  }

  @Test
  void silenceIsATimeoutWordedByMethod() {
    assertThat(judge(3, List.of(), List.of(), PingMethod.DATAGRAM_ICMP).failure().orElseThrow())
        .satisfies(f -> {
          assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
          assertThat(f.message()).isEqualTo("no echo reply from db.example.test (192.0.2.10): 3 transmitted, "
              + "0 received");
        });
    assertThat(judge(3, List.of(), List.of(), PingMethod.TCP_CONNECT).failure().orElseThrow().message())
        .startsWith("no TCP connect to port 5432 answered from");
    assertThat(judge(0, List.of(), List.of(), PingMethod.DATAGRAM_ICMP).failure().orElseThrow().message())
        .isEqualTo("the deadline passed before an echo request was sent to db.example.test (192.0.2.10)");
  }

  @Test
  void icmpErrorsAreWordedAndJudgedByTheirFamily() throws Exception {
    IcmpError v6 = IcmpError.of(1, InetAddress.getByName("2001:db8::1"), 1, 0);

    assertThat(v6.description()).isEqualTo("Destination unreachable: No route");
    assertThat(v6.failureKind()).isEqualTo(FailureKind.NETWORK_UNREACHABLE);
    assertThat(IcmpError.of(1, ROUTER, 11, 0).failureKind()).isEqualTo(FailureKind.HOST_UNREACHABLE);
    assertThatThrownBy(() -> IcmpError.of(1, ROUTER, -1, 101)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ICMP type -1");
  }

  @Test
  void aHopReachesTheDestinationWhenItAnswersWithAnythingButTimeExceeded() {
    HopProbe portUnreachable = new HopProbe(Optional.of(TARGET), Optional.of(Duration.ofMillis(3)), 3, 3);
    HopProbe timeExceeded = new HopProbe(Optional.of(ROUTER), Optional.of(Duration.ofMillis(1)), 11, 0);

    Hop last = Hop.of(4, List.of(HopProbe.silent(), portUnreachable), Optional.of("db"), TARGET);
    Hop router = Hop.of(1, List.of(timeExceeded), Optional.empty(), TARGET);

    assertThat(last.reachedDestination()).isTrue();
    assertThat(last.annotation()).isEmpty();
    assertThat(last.name()).contains("db");
    assertThat(router.reachedDestination()).isFalse();
    assertThat(portUnreachable.endsTrace(TARGET)).isTrue();
    assertThat(timeExceeded.endsTrace(TARGET)).isFalse();
    assertThat(HopProbe.silent().endsTrace(TARGET)).isFalse();
  }

  @Test
  void aRoutersUnreachableIsAnnotatedAndEndsTheTraceWithoutReachingIt() {
    HopProbe hostUnreachable = new HopProbe(Optional.of(ROUTER), Optional.of(Duration.ofMillis(2)), 3, 1);
    HopProbe echoReply = new HopProbe(Optional.of(TARGET), Optional.of(Duration.ofMillis(2)), 0, 0);

    Hop hop = Hop.of(3, List.of(HopProbe.silent(), hostUnreachable), Optional.empty(), TARGET);

    assertThat(hop.annotation()).contains("!H");
    assertThat(hop.reachedDestination()).isFalse();
    assertThat(hostUnreachable.endsTrace(TARGET)).isTrue();
    assertThat(echoReply.endsTrace(TARGET)).isTrue();
    assertThat(Hop.of(3, List.of(echoReply), Optional.empty(), TARGET).reachedDestination()).isTrue();
  }
}
