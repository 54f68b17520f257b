package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.PathGraph;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.icmp.TracerouteResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flow-stable, classic and all-paths traces through an ECMP diamond whose first router hashes UDP ports
 * ({@code fib_multipath_hash_policy=1}), probing as uid 65534 inside the client namespace.
 */
class EcmpLabIT {
  /**
   * MDA finds every path with a chosen confidence, so with the default 95% (split over five branching nodes) a run
   * misses the second of two equal paths about once in a hundred (8 probes to one next hop conclude there is one);
   * the tests ask for 99.9% (14 probes), about once in 8,000.
   */
  private static final io.netprobe.icmp.MultipathOptions SURE = new io.netprobe.icmp.MultipathOptions(0.999, 5, 128);

  private static final int NOBODY = 65534;
  private static EcmpLab lab;

  @BeforeAll
  static void buildLab() {
    lab = EcmpLab.upOrSkip(EcmpLabIT.class, false);
  }

  @AfterAll
  static void tearDown() {
    if (lab != null) {
      lab.close();
    }
  }

  private static ProbeClient client() {
    return Probes.builder().backend(new LinuxTracerouteBackend()).timeout(Duration.ofSeconds(20)).build();
  }

  private static TracerouteResult trace(TraceStrategy strategy, int probesPerHop) {
    return Netns.insideAs(lab.client(), NOBODY, () -> client().traceroute(EcmpLab.TARGET).strategy(strategy)
        .probesPerHop(probesPerHop).maxHops(8).probeTimeout(Duration.ofMillis(500)).run());
  }

  private static Set<String> addresses(Hop hop) {
    return hop.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.toSet());
  }

  @Test
  void flowStableTraceFollowsOnePathEveryTime() {
    Set<String> branchesOverRuns = new HashSet<>();
    for (int run = 0; run < 4; run++) {
      TracerouteResult r = trace(TraceStrategy.PARIS, 6);
      assertThat(r.isSuccess()).isTrue();
      assertThat(r.reached()).isTrue();
      assertThat(r.hops()).hasSize(4);
      for (Hop hop : r.hops()) {
        assertThat(addresses(hop)).as("hop %d of run %d", hop.ttl(), run).hasSize(1);
      }
      assertThat(addresses(r.hops().get(1))).isSubsetOf(EcmpLab.A, EcmpLab.B);
      branchesOverRuns.addAll(addresses(r.hops().get(1)));
    }
    System.out.println("EcmpLabIT: flow-stable runs took branch(es) " + branchesOverRuns);
  }

  @Test
  void classicTraceMixesTheBranchesWithinOneTrace() {
    Set<String> union = new HashSet<>();
    int mixedHops = 0;
    for (int run = 0; run < 3; run++) {
      TracerouteResult r = trace(TraceStrategy.CLASSIC, 6);
      assertThat(r.reached()).isTrue();
      Set<String> second = addresses(r.hops().get(1));
      union.addAll(second);
      mixedHops += second.size() > 1 ? 1 : 0;
    }
    assertThat(union).containsExactlyInAnyOrder(EcmpLab.A, EcmpLab.B);
    assertThat(mixedHops).isPositive();
  }

  @Test
  void allPathsFindsBothBranchesOfTheDiamond() {
    TracerouteResult r = Netns.insideAs(lab.client(), NOBODY, () -> client().traceroute(EcmpLab.TARGET).allPaths(SURE)
        .maxHops(8).probeTimeout(Duration.ofMillis(500)).run());
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.reached()).isTrue();
    PathGraph g = r.paths().orElseThrow();
    System.out.println("EcmpLabIT: MDA " + g.flows() + " flows, " + g.probesSent() + " probes, " + g.pathCount()
        + " paths");
    assertThat(g.complete()).isTrue();
    assertThat(g.at(1)).extracting(h -> h.address().map(InetAddress::getHostAddress)).containsExactly(
        Optional.of(EcmpLab.R1));
    assertThat(g.at(2)).extracting(h -> h.address().orElseThrow().getHostAddress())
        .containsExactlyInAnyOrder(EcmpLab.A, EcmpLab.B);
    assertThat(g.at(3)).extracting(h -> h.address().orElseThrow().getHostAddress()).containsExactly(EcmpLab.R2);
    assertThat(g.at(4)).extracting(h -> h.address().orElseThrow().getHostAddress()).containsExactly(EcmpLab.TARGET);
    assertThat(g.pathCount()).isEqualTo(2);
    assertThat(g.links()).hasSize(5);
    // the stopping rule for 95% over 5 branching nodes: 8 flows for one next hop, 15 once two are seen
    assertThat(g.at(2).stream().mapToInt(PathGraph.PathHop::flows).sum()).isGreaterThanOrEqualTo(15);
    assertThat(r.hops()).extracting(Hop::ttl).containsExactly(1, 2, 3, 4);
    assertThat(r.hops().get(1).probes()).hasSize(2);
  }

  @Test
  void allPathsOverIcmpKeepsOneChecksumPerFlowAndFindsTheOnePathLinuxGivesIcmp() {
    // Linux hashes neither ICMP checksums nor echo ids (fib_multipath_hash_policy=1 looks at ports only), so every
    // ICMP flow takes one branch here: the MDA must see one next hop per TTL and stop by its rule (8 flows at TTL 2)
    Lab.sh("ip", "netns", "exec", lab.client(), "sysctl", "-qw", "net.ipv4.ping_group_range=0 2147483647");
    TracerouteResult r = Netns.insideAs(lab.client(), NOBODY, () -> client().traceroute(EcmpLab.TARGET)
        .mode(io.netprobe.icmp.TraceMode.ICMP).allPaths(SURE).maxHops(8).probeTimeout(Duration.ofMillis(500)).run());
    assertThat(r.isSuccess()).as("%s", r.failure()).isTrue();
    assertThat(r.reached()).isTrue();
    PathGraph g = r.paths().orElseThrow();
    System.out.println("EcmpLabIT: ICMP MDA " + g.flows() + " flows, " + g.probesSent() + " probes, " + g.pathCount()
        + " paths");
    assertThat(g.complete()).isTrue();
    assertThat(g.pathCount()).isEqualTo(1);
    assertThat(g.at(2)).singleElement().satisfies(h -> {
      assertThat(h.address().orElseThrow().getHostAddress()).isIn(EcmpLab.A, EcmpLab.B);
      assertThat(h.flows()).isGreaterThanOrEqualTo(8);
    });
    assertThat(g.at(4)).extracting(h -> h.address().orElseThrow().getHostAddress()).containsExactly(EcmpLab.TARGET);
  }

  @Test
  void dublinNeedsARawSocketAndSaysSo() {
    TracerouteResult r = trace(TraceStrategy.DUBLIN, 1);
    assertThat(r.failure()).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.PERMISSION_DENIED);
      assertThat(f.message()).contains("raw socket").contains("CAP_NET_RAW");
    });
  }

  @Test
  void dublinProbesAsRootKeepOneFlowToo() {
    Set<String> branches = new HashSet<>();
    for (int run = 0; run < 3; run++) {
      TracerouteResult r = Netns.inside(lab.client(), () -> client().traceroute(EcmpLab.TARGET)
          .strategy(TraceStrategy.DUBLIN).probesPerHop(6).maxHops(8).probeTimeout(Duration.ofMillis(500)).run());
      assertThat(r.isSuccess()).as("%s", r.failure()).isTrue();
      assertThat(r.reached()).isTrue();
      assertThat(r.hops()).hasSize(4).allSatisfy(h -> assertThat(addresses(h)).hasSize(1));
      assertThat(r.hops().get(3).probes()).allSatisfy(p -> assertThat(p.icmpType()).isEqualTo(3));
      assertThat(r.hops()).extracting(Hop::nat).containsOnly(io.netprobe.icmp.NatStatus.NONE);
      branches.addAll(addresses(r.hops().get(1)));
    }
    System.out.println("EcmpLabIT: Dublin runs took branch(es) " + branches);
  }

  @Test
  void allPathsTreatsRateLimitedSilenceAsUnknownNotAsABranch() {
    try (EcmpLab limited = EcmpLab.upOrSkip(EcmpLabIT.class, "0")) {
      // r2 back to the kernel default: 6 time-exceeded back to back per destination, then about one a second
      Lab.sh("ip", "netns", "exec", limited.node("r2"), "sysctl", "-qw", "net.ipv4.icmp_ratelimit=1000");
      TracerouteResult r = Netns.insideAs(limited.client(), NOBODY, () -> client().traceroute(EcmpLab.TARGET)
          .allPaths(SURE).maxHops(8).probeTimeout(Duration.ofMillis(300)).run());
      PathGraph g = r.paths().orElseThrow();
      System.out.println("EcmpLabIT: rate-limited MDA " + g.flows() + " flows, " + g.probesSent() + " probes, "
          + g.at(3));
      assertThat(r.reached()).isTrue();
      assertThat(g.at(2)).extracting(h -> h.address().orElseThrow().getHostAddress())
          .containsExactlyInAnyOrder(EcmpLab.A, EcmpLab.B);
      assertThat(g.at(3)).extracting(h -> h.address().orElseThrow().getHostAddress()).containsExactly(EcmpLab.R2);
      assertThat(r.hops().get(2).probes()).as("r2 left some probes unanswered (the hop lists a silent one)")
          .anyMatch(p -> !p.answered());
      assertThat(g.pathCount()).isEqualTo(2);
    }
  }
}
