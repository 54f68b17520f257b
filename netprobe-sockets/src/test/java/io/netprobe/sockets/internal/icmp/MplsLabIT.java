package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.TracerouteResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A trace across a real Linux MPLS label-switched path (c → r1 pushes label 100 → r2 pops it → t), where the kernel
 * has MPLS forwarding ({@code mpls_router}); skipped with the reason printed where it has not (this VM's kernel).
 * Linux routers do not put RFC 4950 label stacks into their ICMP errors, so the labels themselves are tested with a
 * crafted router ({@link IcmpExtensionLabIT}) and crafted packets ({@code IcmpExtensionsTest},
 * {@link TcpAndRawProbesTest}); here the trace must cross the LSP and reach the target.
 */
class MplsLabIT {

  @Test
  void traceCrossesALabelSwitchedPath() {
    String why = Lab.whyNot();
    if (why == null && !Files.isDirectory(Path.of("/proc/sys/net/mpls"))) {
      why = "this kernel has no MPLS forwarding (/proc/sys/net/mpls is absent: no mpls_router module)";
    }
    if (why != null) {
      System.out.println(MplsLabIT.class.getSimpleName() + " skipped: " + why);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(why == null, why);
    String n = "npm" + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36);
    try {
      Lab.sh("bash", "-c", String.join("\n",
          "set -e",
          "for ns in c r1 r2 t; do ip netns add " + n + "-$ns; ip -n " + n + "-$ns link set lo up; done",
          "link() { ip link add " + n + "x type veth peer name " + n + "y;"
              + " ip link set " + n + "x netns " + n + "-$1 name $2; ip link set " + n + "y netns " + n + "-$4 name $5;"
              + " ip -n " + n + "-$1 addr add $3/24 dev $2; ip -n " + n + "-$4 addr add $6/24 dev $5;"
              + " ip -n " + n + "-$1 link set $2 up; ip -n " + n + "-$4 link set $5 up; }",
          "link c c0 10.81.0.1 r1 r1c 10.81.0.2",
          "link r1 r1r 10.81.1.1 r2 r2l 10.81.1.2",
          "link r2 r2t 10.81.2.1 t t0 10.81.2.2",
          "for ns in r1 r2; do ip netns exec " + n + "-$ns sysctl -qw net.ipv4.ip_forward=1"
              + " net.mpls.platform_labels=1000; done",
          "ip netns exec " + n + "-r2 sysctl -qw net.mpls.conf.r2l.input=1",
          "ip -n " + n + "-c route add default via 10.81.0.2",
          "ip -n " + n + "-r1 route add 10.81.2.0/24 encap mpls 100 via 10.81.1.2",
          "ip -n " + n + "-r2 -f mpls route add 100 via inet 10.81.2.2 dev r2t",
          "ip -n " + n + "-r2 route add 10.81.0.0/24 via 10.81.1.1",
          "ip -n " + n + "-t route add default via 10.81.2.1"));
      TracerouteResult r = Netns.inside(n + "-c", () -> Probes.builder().backend(new LinuxTracerouteBackend())
          .build().traceroute("10.81.2.2").maxHops(6).probeTimeout(Duration.ofMillis(500)).run());
      System.out.println("MplsLabIT: " + r.hops().stream().map(Hop::toString).toList());
      assertThat(r.reached()).isTrue();
      assertThat(r.hops().get(r.hops().size() - 1).address().orElseThrow().getHostAddress()).isEqualTo("10.81.2.2");
    } finally {
      Lab.sh("bash", "-c", "for ns in c r1 r2 t; do ip netns delete " + n + "-$ns 2>/dev/null; done; true");
    }
  }
}
