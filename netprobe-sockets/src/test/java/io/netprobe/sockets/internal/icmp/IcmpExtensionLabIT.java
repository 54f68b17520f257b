package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.IcmpExtensions;
import io.netprobe.icmp.InterfaceInfo;
import io.netprobe.icmp.MplsLabel;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.icmp.TracerouteResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ICMP extensions through the real kernel path: a fake router ({@code icmp/extension-router.py}, AF_PACKET capture
 * and a raw ICMP socket) answers the client's UDP probes with Time Exceeded messages carrying an MPLS label stack and
 * interface information, once as an RFC 4884 sender and once as a legacy one. The client probes as uid 65534 and
 * reads them from the error queue (UDP, ICMP), or as root through raw sockets (ICMP, TCP). (This kernel has no MPLS forwarding in namespaces — no {@code mpls_router}
 * module — so the label stack cannot come from real MPLS routers here.)
 */
class IcmpExtensionLabIT {
  private static final int NOBODY = 65534;
  private static String name;
  private static Process router;

  @BeforeAll
  static void buildLab() throws Exception {
    String why = Lab.whyNot();
    if (why == null && !new java.io.File("/usr/bin/python3").canExecute()) {
      why = "/usr/bin/python3 is not installed (the fake router is a Python script)";
    }
    if (why != null) {
      System.out.println(IcmpExtensionLabIT.class.getSimpleName() + " skipped: " + why);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(why == null, why);
    name = "np9" + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36);
    String c = name + "-c";
    String r = name + "-r";
    Lab.sh("ip", "netns", "add", c);
    Lab.sh("ip", "netns", "add", r);
    Lab.sh("ip", "link", "add", name + "x", "type", "veth", "peer", "name", name + "y");
    Lab.sh("ip", "link", "set", name + "x", "netns", c, "name", "c0");
    Lab.sh("ip", "link", "set", name + "y", "netns", r, "name", "r0");
    Lab.sh("ip", "-n", c, "addr", "add", "10.79.0.1/24", "dev", "c0");
    Lab.sh("ip", "-n", r, "addr", "add", "10.79.0.2/24", "dev", "r0");
    Lab.sh("ip", "-n", c, "link", "set", "c0", "up");
    Lab.sh("ip", "-n", r, "link", "set", "r0", "up");
    Lab.sh("ip", "-n", c, "route", "add", "10.79.1.0/24", "via", "10.79.0.2");
    Lab.sh("ip", "netns", "exec", c, "sysctl", "-qw", "net.ipv4.ping_group_range=0 2147483647");
    // the router's own stack must stay quiet (it would send host unreachable): only the fake router answers
    Lab.sh("ip", "netns", "exec", r, "nft", "add table ip lab; add chain ip lab pre { type filter hook prerouting "
        + "priority 0; }; add rule ip lab pre ip daddr 10.79.1.0/24 drop");
    router = new ProcessBuilder("ip", "netns", "exec", r, "/usr/bin/python3", script(), "r0")
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(router.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("ready");
    // resolve the router's MAC before the first trace: probes of a trace sent while ARP is pending are queued
    Lab.sh("ip", "netns", "exec", c, "ping", "-c", "1", "-W", "2", "10.79.0.2");
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (router != null) {
      router.destroy();
      router.waitFor(5, TimeUnit.SECONDS);
    }
    if (name != null) {
      Lab.sh("bash", "-c", "ip netns delete " + name + "-c; ip netns delete " + name + "-r; true");
    }
  }

  private static String script() throws URISyntaxException {
    return Path.of(IcmpExtensionLabIT.class.getResource("/icmp/extension-router.py").toURI()).toString();
  }

  @ParameterizedTest
  @EnumSource(value = TraceStrategy.class, names = {"PARIS", "CLASSIC"})
  void labelStackAndInterfaceInfoReachTheHopFromBothSenderStyles(TraceStrategy strategy) throws Exception {
    // classic probes go to ports 33434 and 33435; the router tells the sender styles apart by the payload's second
    // byte, which for classic probes is always 0, so both get an RFC 4884 reply there
    TracerouteResult r = bothAnswered(() -> Netns.insideAs(name + "-c", NOBODY, () -> Probes.builder()
        .backend(new LinuxTracerouteBackend()).build().traceroute("10.79.1.2").strategy(strategy)
        .maxHops(1).probesPerHop(2).probeTimeout(Duration.ofSeconds(2)).run()));
    assertExtensionsOnEveryProbe(r);
  }

  /** ICMP mode, as uid 65534 (datagram ICMP socket, error queue) and as root (raw socket, whole message); TCP mode. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({"ICMP, 65534, AUTO", "ICMP, -1, RAW_ONLY", "TCP, -1, AUTO"})
  void extensionsReachTheHopsOfIcmpAndTcpProbesToo(TraceMode mode, int uid, SocketPolicy policy) throws Exception {
    java.util.concurrent.Callable<TracerouteResult> body = () -> Probes.builder()
        .backend(new LinuxTracerouteBackend(policy)).build().traceroute("10.79.1.2").mode(mode)
        .maxHops(1).probesPerHop(2).probeTimeout(Duration.ofSeconds(2)).run();
    TracerouteResult r = bothAnswered(() -> uid < 0 ? Netns.inside(name + "-c", body)
        : Netns.insideAs(name + "-c", uid, body));
    assertThat(r.method()).contains(policy == SocketPolicy.AUTO && mode == TraceMode.ICMP ? PingMethod.DATAGRAM_ICMP
        : PingMethod.RAW_ICMP);
    assertExtensionsOnEveryProbe(r);
  }

  /**
   * The trace, again (at most three times) while one of its two probes went unanswered: the fake router is a Python
   * script that may answer the second probe later than the trace's adaptive wait (3× the first probe's round trip,
   * at least {@link TraceRun#MIN_WAIT}) on a busy machine. What is checked is the parsing of every answer.
   */
  private static TracerouteResult bothAnswered(java.util.concurrent.Callable<TracerouteResult> trace)
      throws Exception {
    TracerouteResult r = trace.call();
    for (int attempt = 1; attempt < 3 && !r.hops().isEmpty()
        && r.hops().get(0).probes().stream().anyMatch(p -> p.icmpType() < 0); attempt++) {
      r = trace.call();
    }
    return r;
  }

  private static void assertExtensionsOnEveryProbe(TracerouteResult r) throws Exception {
    assertThat(r.isSuccess()).as("%s", r.failure()).isTrue();
    Hop hop = r.hops().get(0);
    assertThat(hop.address()).contains(InetAddress.getByName("10.79.0.2"));
    InterfaceInfo incoming = new InterfaceInfo(InterfaceInfo.Role.INCOMING, OptionalInt.of(7),
        Optional.of(InetAddress.getByName("10.79.0.2")), Optional.of("eth-lab"), OptionalInt.of(1500));
    for (HopProbe p : hop.probes()) {
      assertThat(p.icmpType()).as("%s of %s", p, r).isEqualTo(11);
      IcmpExtensions e = p.extensions().orElseThrow(() -> new AssertionError("no extensions on " + p));
      assertThat(e.checksumValid()).isTrue();
      assertThat(e.mplsLabels()).containsExactly(new MplsLabel(16005, 0, false, 1),
          new MplsLabel(24001, 0, true, 1));
      assertThat(e.interfaces()).containsExactly(incoming);
    }
    assertThat(hop.mplsLabels()).extracting(MplsLabel::label).containsExactly(16005, 24001);
  }
}
