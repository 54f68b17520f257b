package io.netprobe.text;

import static io.netprobe.text.Fixtures.T0;
import static io.netprobe.text.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingStatistics;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.PingSweepSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** iputils ping's and fping's text, line by line and whole, and the summaries. */
class PingTextTest {
  static PingSpec spec(String host, int count) {
    return new PingSpec(Host.of(host), count, Duration.ofSeconds(1), Duration.ofSeconds(1), PingSpec.DEFAULT_PAYLOAD_SIZE,
        OptionalInt.empty(), OptionalInt.empty(), Duration.ofSeconds(10));
  }

  static PingReply reply(int seq, InetAddress from, long micros, boolean duplicate) {
    return new PingReply(seq, from, 64, 64, Duration.ofNanos(micros * 1000), duplicate);
  }

  static PingResult localhost() {
    InetAddress lo = ip("127.0.0.1");
    List<PingReply> replies = List.of(reply(1, lo, 31, false), reply(2, lo, 60, false), reply(2, lo, 75, true));
    return new PingResult(spec("localhost", 3), Optional.of(lo), Optional.of(PingMethod.DATAGRAM_ICMP), 3, 2, 1,
        replies, List.of(), PingStatistics.of(List.of(Duration.ofNanos(31_000), Duration.ofNanos(60_000))), "test",
        T0, Duration.ofMillis(2003), Optional.empty());
  }

  @Test
  void aNameThatResolvedIsShownAsNameAndAddressLikeIputils() {
    assertThat(PingText.render(localhost())).isEqualTo("""
        PING localhost (127.0.0.1) 56(84) bytes of data.
        64 bytes from localhost (127.0.0.1): icmp_seq=1 ttl=64 time=0.031 ms
        64 bytes from localhost (127.0.0.1): icmp_seq=2 ttl=64 time=0.060 ms
        64 bytes from localhost (127.0.0.1): icmp_seq=2 ttl=64 time=0.075 ms (DUP!)

        --- localhost ping statistics ---
        3 packets transmitted, 2 received, +1 duplicates, 33.3333% packet loss, time 2003ms
        rtt min/avg/max/mdev = 0.031/0.046/0.060/0.015 ms
        """);
    assertThat(ClassicText.render(localhost())).isEqualTo(PingText.render(localhost()));
  }

  @Test
  void ipv6HasItsOwnFirstLineAndALiteralIsNotRepeated() {
    Host v6 = Host.of("::1");
    assertThat(PingText.headerLine(v6, ip("::1"), 56)).isEqualTo("PING ::1(::1) 56 data bytes");
    assertThat(PingText.replyLine(reply(1, ip("::1"), 42, false), v6, Optional.of(ip("::1"))))
        .isEqualTo("64 bytes from ::1: icmp_seq=1 ttl=64 time=0.042 ms");
    assertThat(PingText.replyLine(reply(1, ip("192.0.2.9"), 42, false), Host.of("localhost"),
        Optional.of(ip("127.0.0.1")))).as("a reply from another address has no name")
        .isEqualTo("64 bytes from 192.0.2.9: icmp_seq=1 ttl=64 time=0.042 ms");
  }

  @Test
  void unreachableRepliesAreErrorLinesAndTheFailureComesLast() {
    InetAddress router = ip("192.0.2.1");
    PingResult r = PingResult.failed(spec("192.0.2.44", 2), Optional.of(ip("192.0.2.44")),
        Optional.of(PingMethod.RAW_ICMP), 2, List.of(new IcmpError(1, router, 3, 1, "Destination Host Unreachable"),
            new IcmpError(2, router, 3, 1, "Destination Host Unreachable")),
        ProbeFailure.of(FailureKind.HOST_UNREACHABLE, "192.0.2.1 says 192.0.2.44 is unreachable"), "test", T0,
        Duration.ofMillis(1004));
    assertThat(PingText.render(r)).isEqualTo("""
        PING 192.0.2.44 (192.0.2.44) 56(84) bytes of data.
        From 192.0.2.1 icmp_seq=1 Destination Host Unreachable
        From 192.0.2.1 icmp_seq=2 Destination Host Unreachable

        --- 192.0.2.44 ping statistics ---
        2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1004ms
        ping: HOST_UNREACHABLE: 192.0.2.1 says 192.0.2.44 is unreachable
        """);
    assertThat(PingText.summary(r)).isEqualTo("2 transmitted, 0 received, 100% packet loss — HOST_UNREACHABLE: "
        + "192.0.2.1 says 192.0.2.44 is unreachable");
  }

  @Test
  void aNameThatDidNotResolveHasNoFirstLine() {
    PingResult r = PingResult.failed(spec("nowhere.example", 4), Optional.empty(), Optional.empty(), 0, List.of(),
        ProbeFailure.of(FailureKind.NAME_NOT_FOUND, "nowhere.example does not resolve"), "test", T0, Duration.ZERO);
    assertThat(PingText.render(r)).isEqualTo("""

        --- nowhere.example ping statistics ---
        0 packets transmitted, 0 received, 0% packet loss, time 0ms
        ping: NAME_NOT_FOUND: nowhere.example does not resolve
        """);
  }

  @Test
  void tcpFallbackRepliesAreLabelledAsConnects() {
    InetAddress target = ip("192.0.2.7");
    PingResult r = new PingResult(new PingSpec(Host.of("192.0.2.7"), 1, Duration.ofSeconds(1), Duration.ofSeconds(1),
        56, OptionalInt.empty(), OptionalInt.of(443), Duration.ofSeconds(5)), Optional.of(target),
        Optional.of(PingMethod.TCP_CONNECT), 1, 1, 0, List.of(new PingReply(1, target, -1, 0,
            Duration.ofNanos(1_500_000), false)), List.of(), PingStatistics.of(List.of(Duration.ofNanos(1_500_000))), "test",
        T0, Duration.ofMillis(2), Optional.empty());
    assertThat(PingText.render(r)).isEqualTo("""
        PING 192.0.2.7 (192.0.2.7) 56(84) bytes of data.
        tcp connect to 192.0.2.7: seq=1 time=1.500 ms

        --- 192.0.2.7 ping statistics ---
        1 packets transmitted, 1 received, 0% packet loss, time 2ms
        rtt min/avg/max/mdev = 1.500/1.500/1.500/0.000 ms
        (ICMP was not permitted: these are TCP connects to 192.0.2.7, not pings)
        """);
    assertThat(PingText.summary(r))
        .isEqualTo("1 transmitted, 1 received, 0% packet loss, rtt min/avg/max 1.500/1.500/1.500 ms (TCP connect, not ICMP)");
  }

  @Test
  void summaryOfASuccessfulPing() {
    assertThat(PingText.summary(localhost()))
        .isEqualTo("3 transmitted, 2 received, 33% packet loss, rtt min/avg/max 0.031/0.046/0.060 ms");
  }

  @Test
  void lossIsPrintedLikeCsPercentG() {
    assertThat(PingText.percent(0)).isEqualTo("0");
    assertThat(PingText.percent(100)).isEqualTo("100");
    assertThat(PingText.percent(25)).isEqualTo("25");
    assertThat(PingText.percent(100.0 / 3)).isEqualTo("33.3333");
    assertThat(PingText.percent(2.5)).isEqualTo("2.5");
    assertThat(PingText.percent(0.001)).isEqualTo("0.001");
  }

  @Test
  void aSweepIsFpingsOneLinePerHost() {
    PingSweepSpec spec = new PingSweepSpec(List.of(Host.of("127.0.0.1"), Host.of("192.0.2.9")), 1,
        Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofSeconds(1), 56, OptionalInt.empty(),
        Duration.ofSeconds(5));
    PingResult alive = new PingResult(spec.specFor(Host.of("127.0.0.1")), Optional.of(ip("127.0.0.1")),
        Optional.of(PingMethod.DATAGRAM_ICMP), 1, 1, 0, List.of(reply(1, ip("127.0.0.1"), 30, false)), List.of(),
        PingStatistics.of(List.of(Duration.ofNanos(30_000))), "test", T0, Duration.ofMillis(1), Optional.empty());
    PingResult dead = PingResult.failed(spec.specFor(Host.of("192.0.2.9")), Optional.of(ip("192.0.2.9")),
        Optional.of(PingMethod.DATAGRAM_ICMP), 1, List.of(), ProbeFailure.of(FailureKind.TIMEOUT), "test", T0,
        Duration.ofSeconds(1));
    PingSweepResult sweep = new PingSweepResult(spec, List.of(alive, dead), "test", T0, Duration.ofSeconds(1),
        Optional.empty());
    assertThat(PingText.render(sweep)).isEqualTo("127.0.0.1 is alive\n192.0.2.9 is unreachable\n");
    assertThat(PingText.summary(sweep)).isEqualTo("2 hosts, 1 alive, 1 unreachable (192.0.2.9)");
    PingSweepResult allUp = new PingSweepResult(spec, List.of(alive), "test", T0, Duration.ofSeconds(1),
        Optional.empty());
    assertThat(PingText.summary(allUp)).isEqualTo("1 host, 1 alive");
    PingSweepResult none = new PingSweepResult(spec, List.of(), "test", T0, Duration.ZERO,
        Optional.of(ProbeFailure.of(FailureKind.PERMISSION_DENIED, "no ICMP socket")));
    assertThat(PingText.render(none)).isEmpty();
    assertThat(PingText.summary(none)).isEqualTo("PERMISSION_DENIED: no ICMP socket");
  }
}
