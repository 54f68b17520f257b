package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.NatStatus;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TracerouteResult;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NAT per hop over IPv6 ({@code icmp/nat66-lab.sh}: r1 rewrites the client's address statelessly, as a NAT66 or
 * NPTv6 translator does): the quotes of the routers behind r1 carry the translated source, for flow-stable UDP probes
 * (quotes read through a raw ICMPv6 socket) and TCP probes. As uid 65534 there is no raw socket: NOT_CHECKED.
 */
class Nat66LabIT {
  private static final String TARGET = "fd00:78:2::2";
  private static String name;
  private static ServerSocket listener;

  @BeforeAll
  static void buildLab() {
    String why = Lab.whyNot();
    if (why != null) {
      System.out.println(Nat66LabIT.class.getSimpleName() + " skipped: " + why);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(why == null, why);
    name = "np6" + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36);
    Lab.sh("bash", script(), "up", name);
    // neighbour discovery on every link first: a probe queued behind it would be lost to the short probe timeout
    Lab.sh("ip", "netns", "exec", name + "-c", "ping", "-6", "-c", "3", "-i", "0.2", "-w", "5", TARGET);
    listener = Netns.inside(name + "-t", () -> {
      ServerSocket s = new ServerSocket();
      s.bind(new InetSocketAddress(TARGET, 80));
      return s;
    });
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (listener != null) {
      listener.close();
    }
    if (name != null) {
      Lab.sh("bash", script(), "down", name);
    }
  }

  private static String script() {
    try {
      return Path.of(Nat66LabIT.class.getResource("/icmp/nat66-lab.sh").toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<NatStatus> nat(TraceMode mode, int uid) {
    Callable<TracerouteResult> body = () -> Probes.builder().backend(new LinuxTracerouteBackend()).build()
        .traceroute(TARGET).mode(mode).maxHops(5).probesPerHop(1).probeTimeout(Duration.ofMillis(500)).run();
    TracerouteResult r = uid < 0 ? Netns.inside(name + "-c", body) : Netns.insideAs(name + "-c", uid, body);
    assertThat(r.reached()).as("%s", r).isTrue();
    return r.hops().stream().map(Hop::nat).toList();
  }

  @Test
  void flowStableUdpProbesSeeTheTranslationFromTheFirstHopBehindIt() {
    assertThat(nat(TraceMode.UDP, -1)).containsExactly(NatStatus.NONE, NatStatus.SOURCE_REWRITTEN,
        NatStatus.SOURCE_REWRITTEN);
    assertThat(nat(TraceMode.UDP, 65534)).as("no raw socket, no quote to read").containsOnly(NatStatus.NOT_CHECKED);
  }

  @Test
  void tcpProbesSeeItTooAndTheSynAckHasNoQuote() {
    assertThat(nat(TraceMode.TCP, -1)).containsExactly(NatStatus.NONE, NatStatus.SOURCE_REWRITTEN,
        NatStatus.NOT_CHECKED);
  }
}
