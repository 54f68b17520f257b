package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.icmp.IcmpExtensions;
import io.netprobe.icmp.MplsLabel;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What keeps a Paris probe's flow identifier constant (the ICMP checksum; the UDP payload's sum, hence the UDP
 * checksum) and how replies are still told apart, and where the error queue puts ICMP extensions.
 */
class FlowStableProbesTest {

  @Test
  void echoChecksumStaysConstantAcrossSequencesWithTheCompensationWord() {
    Set<Integer> flowStable = new HashSet<>();
    Set<Integer> classic = new HashSet<>();
    byte[] echo = IcmpPacket.echoRequest(false, 0x1234, 0, 32);
    byte[] plain = IcmpPacket.echoRequest(false, 0x1234, 0, 32);
    for (int seq = 1; seq <= 300; seq += 7) {
      FlowStableEcho.compensate(echo, seq);
      IcmpPacket.setSequence(echo, false, seq);
      flowStable.add(IcmpPacket.getShort(echo, 2));
      IcmpPacket.setSequence(plain, false, seq);
      classic.add(IcmpPacket.getShort(plain, 2));
      assertThat(IcmpPacket.getShort(echo, 6)).isEqualTo(seq);
    }
    assertThat(flowStable).hasSize(1);
    assertThat(classic).hasSizeGreaterThan(30);
  }

  @Test
  void udpPayloadSumIsTheSameForEveryProbeAndCarriesItsNumber() {
    Set<Integer> sums = new HashSet<>();
    byte[] payload = new byte[ParisUdpTraceSocket.PAYLOAD];
    payload[4] = 'n';
    payload[5] = 'p';
    payload[6] = 'r';
    payload[7] = 'b';
    for (int probe : new int[] {0, 1, 2, 89, 255, 256, 4097, 65535}) {
      ParisUdpTraceSocket.stamp(payload, probe);
      sums.add(IcmpPacket.checksum(payload, 0, payload.length));
      assertThat(ParisUdpTraceSocket.probeOf(payload)).isEqualTo(probe);
    }
    assertThat(sums).hasSize(1);
  }

  @Test
  void foreignOrShortQuotesMatchNoProbe() {
    assertThat(ParisUdpTraceSocket.probeOf(new byte[0])).isEqualTo(-1);
    byte[] foreign = new byte[32];
    ParisUdpTraceSocket.stamp(foreign, 5);
    assertThat(ParisUdpTraceSocket.probeOf(foreign)).isEqualTo(-1);
  }

  /** What the error queue of a UDP socket returns: the quoted payload padded to 100 octets, then the extension. */
  private static byte[] udpQuoteWithExtension() {
    byte[] ext = {0x20, 0, 0, 0, 0, 8, 1, 1, 0x00, 0x06, 0x41, 0x01};
    int sum = io.netprobe.sockets.internal.icmp.IcmpPacket.checksum(ext, 0, ext.length);
    ext[2] = (byte) (sum >>> 8);
    ext[3] = (byte) sum;
    byte[] data = new byte[100 + ext.length];
    System.arraycopy(ext, 0, data, 100, ext.length);
    return data;
  }

  private static ExtendedError error(int data) {
    return new ExtendedError(113, ExtendedError.ORIGIN_ICMP, 11, 0, 0, data,
        Optional.of(java.net.InetAddress.getLoopbackAddress()));
  }

  @Test
  void findsTheExtensionAtTheKernelsRfc4884Offset() {
    byte[] data = udpQuoteWithExtension();
    IcmpExtensions e = ErrorQueueExtensions.find(data, error(100), 28).orElseThrow();
    assertThat(e.mplsLabels()).containsExactly(new MplsLabel(100, 0, true, 1));
  }

  @Test
  void findsALegacySendersExtensionAfter128OctetsOnlyWithAValidChecksum() {
    byte[] data = udpQuoteWithExtension();
    assertThat(ErrorQueueExtensions.find(data, error(0), 28)).isPresent();
    data[100 + 3] ^= 1;
    assertThat(ErrorQueueExtensions.find(data, error(0), 28)).isEmpty();
    assertThat(ErrorQueueExtensions.find(new byte[20], error(0), 28)).isEmpty();
  }
}
