package io.netprobe.text;

import static io.netprobe.text.Fixtures.T0;
import static io.netprobe.text.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.TracerouteListener;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** traceroute's text: the first line, hop lines with and without names, and the summary. */
class TracerouteTextTest {
  static TracerouteSpec spec(String host, boolean names) {
    return new TracerouteSpec(Host.of(host), TraceMode.UDP, 1, 30, 3, Duration.ofSeconds(1), 33434, names,
        TracerouteListener.NONE, Duration.ofSeconds(30));
  }

  static HopProbe answered(String from, long micros) {
    return new HopProbe(Optional.of(ip(from)), Optional.of(Duration.ofNanos(micros * 1000)), 11, 0);
  }

  static List<Hop> hops() {
    return List.of(
        new Hop(1, List.of(answered("10.0.0.1", 412), answered("10.0.0.1", 398), answered("10.0.0.1", 405)),
            Optional.of("gw.lan"), Optional.empty(), false),
        new Hop(2, List.of(HopProbe.silent(), HopProbe.silent(), HopProbe.silent()), Optional.empty(),
            Optional.empty(), false),
        new Hop(3, List.of(answered("10.0.1.1", 2100), answered("10.0.1.2", 2250), HopProbe.silent()),
            Optional.of("core.isp"), Optional.empty(), false),
        new Hop(4, List.of(answered("192.0.2.1", 3000), answered("192.0.2.1", 3100), answered("192.0.2.1", 2900)),
            Optional.empty(), Optional.of("!H"), true));
  }

  @Test
  void numericHopsAsTracerouteNPrintsThem() {
    TracerouteResult r = new TracerouteResult(spec("example.test", false), Optional.of(ip("192.0.2.1")),
        Optional.of(PingMethod.DATAGRAM_ICMP), hops(), true, "test", T0, Duration.ofSeconds(3), Optional.empty());
    assertThat(TracerouteText.render(r)).isEqualTo("""
        traceroute to example.test (192.0.2.1), 30 hops max, 60 byte packets
         1  10.0.0.1  0.412 ms  0.398 ms  0.405 ms
         2  * * *
         3  10.0.1.1  2.100 ms 10.0.1.2  2.250 ms *
         4  192.0.2.1  3.000 ms  3.100 ms  2.900 ms !H
        """);
    assertThat(TracerouteText.summary(r)).isEqualTo("reached 192.0.2.1 in 4 hops");
    assertThat(ClassicText.render(r)).isEqualTo(TracerouteText.render(r));
  }

  @Test
  void withNamesTheFirstResponderIsNameAndAddress() {
    List<Hop> hops = hops();
    assertThat(TracerouteText.hopLine(hops.get(0), true)).isEqualTo(" 1  gw.lan (10.0.0.1)  0.412 ms  0.398 ms  0.405 ms");
    assertThat(TracerouteText.hopLine(hops.get(2), true))
        .isEqualTo(" 3  core.isp (10.0.1.1)  2.100 ms 10.0.1.2 (10.0.1.2)  2.250 ms *");
    assertThat(TracerouteText.hopLine(hops.get(3), true)).as("an address without a name stands in for it")
        .isEqualTo(" 4  192.0.2.1 (192.0.2.1)  3.000 ms  3.100 ms  2.900 ms !H");
    assertThat(TracerouteText.hopLine(hops.get(1))).isEqualTo(" 2  * * *");
    TracerouteResult named = new TracerouteResult(spec("example.test", true), Optional.of(ip("192.0.2.1")), Optional.empty(),
        hops.subList(0, 1), false, "test", T0, Duration.ofSeconds(1), Optional.empty());
    assertThat(TracerouteText.render(named)).contains(" 1  gw.lan (10.0.0.1)  0.412 ms");
  }

  @Test
  void aTraceThatStopsShortSaysWhereAnswersStoppedAndWhy() {
    TracerouteResult r = new TracerouteResult(spec("192.0.2.1", false), Optional.of(ip("192.0.2.1")), Optional.empty(),
        hops().subList(0, 2), false, "test", T0, Duration.ofSeconds(2),
        Optional.of(ProbeFailure.of(FailureKind.TIMEOUT, "the trace ran out of time")));
    assertThat(TracerouteText.render(r)).isEqualTo("""
        traceroute to 192.0.2.1 (192.0.2.1), 30 hops max, 60 byte packets
         1  10.0.0.1  0.412 ms  0.398 ms  0.405 ms
         2  * * *
        traceroute: TIMEOUT: the trace ran out of time
        """);
    assertThat(TracerouteText.summary(r)).isEqualTo("192.0.2.1 not reached in 2 hops, last answer from hop 1 "
        + "(10.0.0.1) — TIMEOUT: the trace ran out of time");
  }

  @Test
  void aTraceThatCouldNotStartHasOnlyItsFirstLineAndTheFailure() {
    TracerouteResult r = new TracerouteResult(spec("example.test", false), Optional.empty(), Optional.empty(), List.of(), false,
        "test", T0, Duration.ZERO, Optional.of(ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, "Linux only")));
    assertThat(TracerouteText.render(r))
        .isEqualTo("traceroute to example.test, 30 hops max\ntraceroute: UNSUPPORTED_PLATFORM: Linux only\n");
    assertThat(TracerouteText.summary(r))
        .isEqualTo("example.test not reached in 0 hops — UNSUPPORTED_PLATFORM: Linux only");
  }

  @Test
  void theFirstLineOfALiteralIsWhatTracerouteNPrints() {
    // traceroute 2.1's own lines for these targets
    assertThat(TracerouteText.headerLine(spec("127.0.0.1", false)))
        .isEqualTo("traceroute to 127.0.0.1 (127.0.0.1), 30 hops max, 60 byte packets");
    assertThat(TracerouteText.headerLine(spec("::1", false)))
        .isEqualTo("traceroute to ::1 (::1), 30 hops max, 80 byte packets");
    assertThat(TracerouteText.headerLine(spec("fe80:0:0:0:0:0:0:1%lo", false)))
        .isEqualTo("traceroute to fe80:0:0:0:0:0:0:1%lo (fe80::1%lo), 30 hops max, 80 byte packets");
    assertThat(TracerouteText.headerLine(spec("example.test", false))).as("a name before it is resolved")
        .isEqualTo("traceroute to example.test, 30 hops max");
  }
}
