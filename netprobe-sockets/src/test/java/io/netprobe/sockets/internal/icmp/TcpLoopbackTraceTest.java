package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.icmp.TracerouteResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TCP traces to this test's own listener on loopback, over IPv4 and IPv6 (where the kernel fills in the checksum):
 * one hop that answers with SYN-ACK, RST from a port the test just closed. Needs CAP_NET_RAW (skipped without it;
 * the ECMP lab test checks the failure then).
 */
class TcpLoopbackTraceTest {
  private final LinuxTracerouteBackend backend = new LinuxTracerouteBackend();
  private final ProbeClient client = Probes.builder().backend(backend).timeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void close() {
    backend.close();
  }

  private TracerouteResult trace(String address, int port, TraceStrategy strategy) {
    TracerouteResult r = client.traceroute(address).mode(TraceMode.TCP).port(port).strategy(strategy).maxHops(3)
        .probesPerHop(3).probeTimeout(Duration.ofMillis(500)).run();
    assumeTrue(r.failure().map(f -> f.kind() != FailureKind.PERMISSION_DENIED).orElse(true),
        "no CAP_NET_RAW here: " + r.failure());
    return r;
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1"})
  void anOpenPortAnswersEveryProbeWithSynAck(String address) throws Exception {
    InetAddress local = InetAddress.getByName(address);
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(local, 0));
      for (TraceStrategy strategy : new TraceStrategy[] {TraceStrategy.PARIS, TraceStrategy.CLASSIC}) {
        TracerouteResult r = trace(address, server.getLocalPort(), strategy);
        assertThat(r.isSuccess()).as("%s", r.failure()).isTrue();
        assertThat(r.reached()).isTrue();
        assertThat(r.hops()).hasSize(1);
        Hop hop = r.hops().get(0);
        assertThat(hop.address()).contains(local);
        assertThat(hop.probes()).hasSize(3).allSatisfy(p -> {
          assertThat(p.icmpType()).isEqualTo(HopProbe.TCP_ANSWER);
          assertThat(p.icmpCode()).isEqualTo(HopProbe.SYN_ACK);
        });
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "::1"})
  void aClosedPortAnswersWithReset(String address) throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      closed = s.getLocalPort();
    }
    TracerouteResult r = trace(address, closed, TraceStrategy.PARIS);
    assertThat(r.reached()).isTrue();
    assertThat(r.hops().get(0).probes()).allSatisfy(p -> {
      assertThat(p.icmpType()).isEqualTo(HopProbe.TCP_ANSWER);
      assertThat(p.icmpCode() & HopProbe.RST).isEqualTo(HopProbe.RST);
    });
  }

  @Test
  void theTcpDefaultPortIs80() {
    assertThat(client.traceroute("127.0.0.1").mode(TraceMode.TCP).spec().port()).isEqualTo(80);
    assertThat(client.traceroute("127.0.0.1").mode(TraceMode.TCP).port(443).spec().port()).isEqualTo(443);
    assertThat(client.traceroute("127.0.0.1").port(443).mode(TraceMode.TCP).spec().port()).isEqualTo(443);
  }
}
