package io.netprobe.text;

import static io.netprobe.text.Fixtures.T0;
import static io.netprobe.text.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.IcmpExtensions;
import io.netprobe.icmp.MplsLabel;
import io.netprobe.icmp.PathGraph;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.TracerouteResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The all-paths (MDA) rendering and MPLS labels on hop lines. */
class PathsTextTest {
  private static Optional<InetAddress> a(String s) {
    return Optional.of(ip(s));
  }

  @Test
  void rendersTheDiamondWithFlowsAndLinks() {
    PathGraph g = new PathGraph(List.of(
        new PathGraph.PathHop(1, a("10.78.0.2"), 8),
        new PathGraph.PathHop(2, a("10.78.1.2"), 9), new PathGraph.PathHop(2, a("10.78.2.2"), 10),
        new PathGraph.PathHop(3, a("10.78.3.2"), 15),
        new PathGraph.PathHop(4, a("10.78.5.2"), 8)),
        List.of(new PathGraph.PathLink(1, a("10.78.0.2"), a("10.78.1.2")),
            new PathGraph.PathLink(1, a("10.78.0.2"), a("10.78.2.2")),
            new PathGraph.PathLink(2, a("10.78.1.2"), a("10.78.3.2")),
            new PathGraph.PathLink(2, a("10.78.2.2"), a("10.78.3.2")),
            new PathGraph.PathLink(3, a("10.78.3.2"), a("10.78.5.2"))), 0.95, 19, 58, true);
    TracerouteResult r = new TracerouteResult(TracerouteTextTest.spec("10.78.5.2", false),
        Optional.of(ip("10.78.5.2")), Optional.of(PingMethod.DATAGRAM_ICMP), List.of(), true, "test", T0,
        Duration.ofSeconds(1), Optional.empty(), Optional.of(g));
    assertThat(TracerouteText.render(r)).isEqualTo("""
        traceroute to 10.78.5.2 (10.78.5.2): all paths, MDA 95% confidence, 19 flows, 58 probes, 2 paths
         1  10.78.0.2
         2  10.78.1.2 (9 flows) 10.78.2.2 (10 flows)
         3  10.78.3.2
         4  10.78.5.2
        links:
         1  10.78.0.2 -> 10.78.1.2, 10.78.2.2
         2  10.78.1.2 -> 10.78.3.2
         2  10.78.2.2 -> 10.78.3.2
         3  10.78.3.2 -> 10.78.5.2
        """);
  }

  @Test
  void hopLinesShowMplsStacksLikeTracerouteE() {
    IcmpExtensions ext = new IcmpExtensions(List.of(new MplsLabel(24001, 0, false, 1), new MplsLabel(16, 0, true,
        1)), List.of(), List.of(), true);
    HopProbe labelled = new HopProbe(a("10.0.0.5"), Optional.of(Duration.ofNanos(512_000)), 11, 0,
        Optional.of(ext));
    Hop hop = new Hop(3, List.of(labelled, HopProbe.silent()), Optional.empty(), Optional.empty(), false);
    assertThat(TracerouteText.hopLine(hop)).isEqualTo(
        " 3  10.0.0.5 <MPLS:L=24001,E=0,S=0,T=1> <MPLS:L=16,E=0,S=1,T=1>  0.512 ms *");
  }

  @Test
  void hopLinesShowAsNumbersLikeTracerouteA() throws Exception {
    io.netprobe.icmp.AsnTable asns = io.netprobe.icmp.AsnTable.read(new java.io.StringReader(
        "10.0.0.0/24,64500\n"));
    Hop hop = new Hop(2, List.of(new HopProbe(a("10.0.0.5"), Optional.of(Duration.ofNanos(512_000)), 11, 0),
        new HopProbe(a("10.9.0.1"), Optional.of(Duration.ofNanos(700_000)), 11, 0)), Optional.empty(),
        Optional.empty(), false);
    assertThat(TracerouteText.hopLine(hop, false, asns::lookup)).isEqualTo(
        " 2  10.0.0.5 [AS64500]  0.512 ms 10.9.0.1 [*]  0.700 ms");
    assertThat(TracerouteText.hopLine(hop, false)).isEqualTo(" 2  10.0.0.5  0.512 ms 10.9.0.1  0.700 ms");
  }

  @Test
  void translatedSourcesAreMarked() {
    Hop hop = new Hop(2, List.of(new HopProbe(a("10.0.0.5"), Optional.of(Duration.ofNanos(512_000)), 11, 0,
        Optional.empty(), io.netprobe.icmp.NatStatus.SOURCE_REWRITTEN)), Optional.empty(), Optional.empty(), false);
    assertThat(TracerouteText.hopLine(hop)).isEqualTo(" 2  10.0.0.5 [NAT]  0.512 ms");
  }
}
