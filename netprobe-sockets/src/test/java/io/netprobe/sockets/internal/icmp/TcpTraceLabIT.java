package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.NatStatus;
import io.netprobe.icmp.PathGraph;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.icmp.TracerouteRequest;
import io.netprobe.icmp.TracerouteResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TCP traceroute (raw SYN probes, as root inside the client namespace) through the ECMP diamond of
 * {@code icmp/ecmp-lab.sh}, whose first router hashes TCP ports: the target listens on port 80 (a Java server socket
 * made inside its namespace), port 81 is closed. Compared with Debian's {@code traceroute -T} on the same lab.
 */
class TcpTraceLabIT {
  private static final int NOBODY = 65534;
  private static EcmpLab lab;
  private static ServerSocket listener;

  @BeforeAll
  static void buildLab() {
    lab = EcmpLab.upOrSkip(TcpTraceLabIT.class, false);
    listener = Netns.inside(lab.node("t"), () -> {
      ServerSocket s = new ServerSocket();
      s.bind(new InetSocketAddress(EcmpLab.TARGET, 80));
      return s;
    });
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (listener != null) {
      listener.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  private static ProbeClient client() {
    return Probes.builder().backend(new LinuxTracerouteBackend()).timeout(Duration.ofSeconds(20)).build();
  }

  private static TracerouteResult trace(EcmpLab on, int uid, UnaryOperator<TracerouteRequest> options) {
    java.util.concurrent.Callable<TracerouteResult> body = () -> options.apply(client().traceroute(EcmpLab.TARGET)
        .mode(TraceMode.TCP).maxHops(8).probeTimeout(Duration.ofMillis(500))).run();
    return uid < 0 ? Netns.inside(on.client(), body) : Netns.insideAs(on.client(), uid, body);
  }

  private static Set<String> addresses(Hop hop) {
    return hop.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.toSet());
  }

  @Test
  void flowStableTcpTraceFollowsOnePathAndEndsWithTheSynAck() {
    Set<String> branches = new HashSet<>();
    for (int run = 0; run < 4; run++) {
      TracerouteResult r = trace(lab, -1, q -> q.probesPerHop(6));
      assertThat(r.isSuccess()).as("%s", r.failure()).isTrue();
      assertThat(r.spec().port()).isEqualTo(80);
      assertThat(r.reached()).isTrue();
      assertThat(r.hops()).hasSize(4);
      for (Hop hop : r.hops()) {
        assertThat(addresses(hop)).as("hop %d of run %d", hop.ttl(), run).hasSize(1);
      }
      assertThat(addresses(r.hops().get(0))).containsExactly(EcmpLab.R1);
      assertThat(addresses(r.hops().get(1))).isSubsetOf(EcmpLab.A, EcmpLab.B);
      assertThat(addresses(r.hops().get(2))).containsExactly(EcmpLab.R2);
      assertThat(r.hops().get(3).probes()).allSatisfy(p -> {
        assertThat(p.icmpType()).isEqualTo(HopProbe.TCP_ANSWER);
        assertThat(p.icmpCode()).isEqualTo(HopProbe.SYN_ACK);
      });
      branches.addAll(addresses(r.hops().get(1)));
    }
    System.out.println("TcpTraceLabIT: flow-stable TCP runs took branch(es) " + branches);
  }

  @Test
  void classicTcpProbesVaryTheSourcePortAndMixTheBranches() {
    Set<String> union = new HashSet<>();
    int mixed = 0;
    for (int run = 0; run < 3; run++) {
      TracerouteResult r = trace(lab, -1, q -> q.strategy(TraceStrategy.CLASSIC).probesPerHop(6));
      assertThat(r.reached()).isTrue();
      Set<String> second = addresses(r.hops().get(1));
      union.addAll(second);
      mixed += second.size() > 1 ? 1 : 0;
    }
    assertThat(union).containsExactlyInAnyOrder(EcmpLab.A, EcmpLab.B);
    assertThat(mixed).isPositive();
  }

  @Test
  void aClosedPortAnswersWithAResetAndStillEndsTheTrace() {
    TracerouteResult r = trace(lab, -1, q -> q.port(81).probesPerHop(2));
    assertThat(r.reached()).isTrue();
    Hop last = r.hops().get(r.hops().size() - 1);
    assertThat(addresses(last)).containsExactly(EcmpLab.TARGET);
    assertThat(last.probes()).allSatisfy(p -> {
      assertThat(p.icmpType()).isEqualTo(HopProbe.TCP_ANSWER);
      assertThat(p.icmpCode() & HopProbe.RST).isEqualTo(HopProbe.RST);
    });
  }

  @Test
  void hopsMatchDebianTracerouteTcp() {
    TracerouteResult ours = trace(lab, -1, q -> q.probesPerHop(1));
    String theirs = Lab.sh("ip", "netns", "exec", lab.client(), "traceroute", "-T", "-n", "-q", "1", "-w", "1",
        "-m", "8", "-p", "80", EcmpLab.TARGET);
    List<String> theirHops = new ArrayList<>();
    for (String line : theirs.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length > 1 && f[0].matches("\\d+")) {
        theirHops.add(f[1]);
      }
    }
    System.out.println("TcpTraceLabIT: traceroute -T gave " + theirHops);
    List<String> ourHops = ours.hops().stream().map(h -> String.join(",", addresses(h))).toList();
    assertThat(ourHops).hasSameSizeAs(theirHops);
    for (int i : new int[] {0, 2, 3}) {
      assertThat(ourHops.get(i)).as("hop %d", i + 1).isEqualTo(theirHops.get(i));
    }
    assertThat(theirHops.get(1)).isIn(EcmpLab.A, EcmpLab.B);
  }

  @Test
  void allPathsOverTcpFindsBothBranches() {
    TracerouteResult r = trace(lab, -1, TracerouteRequest::allPaths);
    if (r.paths().map(g -> g.at(2).size() < 2).orElse(false)) {
      // MDA finds every branch only with its stated confidence (95 % by default): one more run before judging
      System.out.println("TcpTraceLabIT: MDA saw one branch at TTL 2 in " + r.paths().get().flows()
          + " flows; running it again");
      r = trace(lab, -1, TracerouteRequest::allPaths);
    }
    assertThat(r.isSuccess()).as("%s", r.failure()).isTrue();
    PathGraph g = r.paths().orElseThrow();
    System.out.println("TcpTraceLabIT: TCP MDA " + g.flows() + " flows, " + g.probesSent() + " probes");
    assertThat(g.complete()).isTrue();
    assertThat(g.at(2)).extracting(h -> h.address().orElseThrow().getHostAddress())
        .containsExactlyInAnyOrder(EcmpLab.A, EcmpLab.B);
    assertThat(g.at(4)).extracting(h -> h.address().orElseThrow().getHostAddress()).containsExactly(EcmpLab.TARGET);
    assertThat(g.pathCount()).isEqualTo(2);
  }

  @Test
  void withoutCapNetRawTheTraceSaysWhatItNeeds() {
    TracerouteResult r = trace(lab, NOBODY, q -> q);
    assertThat(r.failure()).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(FailureKind.PERMISSION_DENIED);
      assertThat(f.message()).contains("CAP_NET_RAW").contains("UDP mode");
    });
  }

  @Test
  void aStatelessNatShowsInTheQuotesOfTcpProbes() {
    try (EcmpLab natted = EcmpLab.upOrSkip(TcpTraceLabIT.class, "2")) {
      ServerSocket s = Netns.inside(natted.node("t"), () -> {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(EcmpLab.TARGET, 80));
        return server;
      });
      try (s) {
        TracerouteResult r = trace(natted, -1, q -> q.probesPerHop(1));
        assertThat(r.reached()).isTrue();
        assertThat(r.hops()).extracting(Hop::nat).containsExactly(NatStatus.NONE, NatStatus.SOURCE_REWRITTEN,
            NatStatus.SOURCE_REWRITTEN, NatStatus.NOT_CHECKED);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
