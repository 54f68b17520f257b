package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.NatStatus;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.icmp.TracerouteResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NAT per hop on the ECMP lab with r1 translating the client's source: statelessly (nft payload rewrite, no
 * conntrack), where the quotes from behind r1 keep the translated source, and with nft masquerade, where Linux
 * conntrack translates the quote back and no NAT can be seen (as the notes measured). The raw socket that reads
 * quotes needs root; as uid 65534 the hops say NOT_CHECKED.
 */
class NatLabIT {

  private static TracerouteResult trace(EcmpLab lab, int uid) {
    return trace(lab, uid, TraceStrategy.PARIS);
  }

  private static TracerouteResult trace(EcmpLab lab, int uid, TraceStrategy strategy) {
    return uid < 0
        ? Netns.inside(lab.client(), () -> Probes.builder().backend(new LinuxTracerouteBackend()).build()
            .traceroute(EcmpLab.TARGET).strategy(strategy).maxHops(6).probeTimeout(Duration.ofMillis(500)).run())
        : Netns.insideAs(lab.client(), uid, () -> Probes.builder().backend(new LinuxTracerouteBackend()).build()
            .traceroute(EcmpLab.TARGET).maxHops(6).probeTimeout(Duration.ofMillis(500)).run());
  }

  private static List<NatStatus> nat(TracerouteResult r) {
    return r.hops().stream().map(Hop::nat).toList();
  }

  @Test
  void statelessTranslationShowsFromTheFirstHopBehindIt() {
    try (EcmpLab lab = EcmpLab.upOrSkip(NatLabIT.class, "2")) {
      TracerouteResult r = trace(lab, -1);
      assertThat(r.reached()).isTrue();
      assertThat(nat(r)).containsExactly(NatStatus.NONE, NatStatus.SOURCE_REWRITTEN, NatStatus.SOURCE_REWRITTEN,
          NatStatus.SOURCE_REWRITTEN);
      assertThat(nat(trace(lab, 65534))).as("no raw socket, no quote to read").containsOnly(NatStatus.NOT_CHECKED);
      TracerouteResult dublin = trace(lab, -1, TraceStrategy.DUBLIN);
      assertThat(dublin.reached()).isTrue();
      assertThat(nat(dublin)).as("Dublin: quoted checksum and source against those sent").containsExactly(
          NatStatus.NONE, NatStatus.SOURCE_REWRITTEN, NatStatus.SOURCE_REWRITTEN, NatStatus.SOURCE_REWRITTEN);
    }
  }

  @Test
  void masqueradeTranslatesTheQuoteBackSoNoNatIsSeen() {
    try (EcmpLab lab = EcmpLab.upOrSkip(NatLabIT.class, "1")) {
      TracerouteResult r = trace(lab, -1);
      assertThat(r.reached()).isTrue();
      assertThat(nat(r)).hasSize(4).containsOnly(NatStatus.NONE);
      assertThat(nat(trace(lab, -1, TraceStrategy.DUBLIN))).as("conntrack restores the checksum too").hasSize(4)
          .containsOnly(NatStatus.NONE);
    }
  }
}
