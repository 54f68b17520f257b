package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.icmp.IcmpExtensions;
import io.netprobe.icmp.MplsLabel;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The TCP SYN a TCP trace writes, the ICMP checksum per all-paths flow, and where a whole ICMP error message (as a
 * raw socket reads it) keeps its RFC 4884 extension, from crafted packets.
 */
class TcpAndRawProbesTest {

  @Test
  void synCarriesPortsSequenceAndAChecksumThatVerifiesOverThePseudoHeader() throws Exception {
    InetAddress src = InetAddress.getByName("10.78.0.1");
    InetAddress dst = InetAddress.getByName("10.78.5.2");
    byte[] s = new byte[24];
    TcpTraceSocket.syn(s, 40000, 80, 0x89abcdef, src, dst);
    assertThat(IcmpPacket.getShort(s, 0)).isEqualTo(40000);
    assertThat(IcmpPacket.getShort(s, 2)).isEqualTo(80);
    assertThat(IcmpPacket.getShort(s, 4) << 16 | IcmpPacket.getShort(s, 6)).isEqualTo(0x89abcdef);
    assertThat(s[12] & 0xff).as("data offset 6 words").isEqualTo(0x60);
    assertThat(s[13]).as("SYN only").isEqualTo((byte) 0x02);
    assertThat(new byte[] {s[20], s[21]}).as("MSS option").containsExactly(2, 4);
    byte[] pseudo = new byte[12 + 24];
    System.arraycopy(src.getAddress(), 0, pseudo, 0, 4);
    System.arraycopy(dst.getAddress(), 0, pseudo, 4, 4);
    pseudo[9] = 6;
    pseudo[11] = 24;
    System.arraycopy(s, 0, pseudo, 12, 24);
    assertThat(IcmpPacket.checksum(pseudo, 0, pseudo.length)).as("a valid checksum sums to 0").isZero();
  }

  @Test
  void dublinDatagramCarriesTheProbeInTheIdentificationAndAValidUdpChecksum() throws Exception {
    InetAddress src = InetAddress.getByName("10.78.0.1");
    InetAddress dst = InetAddress.getByName("10.78.5.2");
    byte[] p = new byte[36];
    Set<Integer> checksums = new HashSet<>();
    for (int id = 1; id <= 5; id++) {
      int checksum = DublinUdpTraceSocket.datagram(p, src, dst, 40000, 33434, id, 7);
      assertThat(IcmpPacket.getShort(p, 4)).isEqualTo(id);
      assertThat(p[8]).isEqualTo((byte) 7);
      assertThat(IcmpPacket.getShort(p, 20)).isEqualTo(40000);
      assertThat(IcmpPacket.getShort(p, 22)).isEqualTo(33434);
      assertThat(IcmpPacket.getShort(p, 26)).isEqualTo(checksum);
      byte[] pseudo = new byte[12 + 16];
      System.arraycopy(p, 12, pseudo, 0, 8);
      pseudo[9] = 17;
      pseudo[11] = 16;
      System.arraycopy(p, 20, pseudo, 12, 16);
      assertThat(IcmpPacket.checksum(pseudo, 0, pseudo.length)).isZero();
      checksums.add(checksum);
    }
    assertThat(checksums).as("the checksum follows the probe: what a NAT's rewrite is compared against").hasSize(5);
  }

  @Test
  void ipv6SynLeavesTheChecksumToTheKernel() throws Exception {
    byte[] s = new byte[24];
    TcpTraceSocket.syn(s, 40000, 443, 7, InetAddress.getByName("::1"), InetAddress.getByName("::1"));
    assertThat(IcmpPacket.getShort(s, 16)).isZero();
    assertThat(IcmpPacket.getShort(s, 22)).isEqualTo(1440);
  }

  @Test
  void echoFlowsKeepOneChecksumEachAndDifferFromEachOther() {
    Set<Integer> perFlow = new HashSet<>();
    for (int flow = 0; flow < 20; flow++) {
      Set<Integer> within = new HashSet<>();
      byte[] echo = IcmpPacket.echoRequest(false, 0x1234, 0, 32);
      for (int seq = 1; seq < 200; seq += 13) {
        FlowStableEcho.compensate(echo, seq);
        FlowStableEcho.flow(echo, flow);
        IcmpPacket.setSequence(echo, false, seq);
        within.add(IcmpPacket.getShort(echo, 2));
      }
      assertThat(within).as("flow %d", flow).hasSize(1);
      perFlow.addAll(within);
    }
    assertThat(perFlow).hasSize(20);
  }

  /** An ICMP error: header (type 11, length field at byte 5 or 4), an original datagram of {@code quote} bytes, ext. */
  private static byte[] error(boolean v6, int lengthField, int quote, boolean badChecksum) {
    byte[] ext = {0x20, 0, 0, 0, 0, 8, 1, 1, 0x00, 0x06, 0x41, 0x01};
    int sum = IcmpPacket.checksum(ext, 0, ext.length);
    ext[2] = (byte) (sum >>> 8);
    ext[3] = (byte) (badChecksum ? sum + 1 : sum);
    byte[] m = new byte[8 + quote + ext.length];
    m[0] = (byte) (v6 ? 3 : 11);
    m[v6 ? 4 : 5] = (byte) lengthField;
    System.arraycopy(ext, 0, m, 8 + quote, ext.length);
    return m;
  }

  @Test
  void findsTheExtensionWhereTheLengthFieldSays() {
    IcmpExtensions e = RawIcmpExtensions.find(error(false, 40, 160, false), 0, 8 + 160 + 12, false).orElseThrow();
    assertThat(e.mplsLabels()).containsExactly(new MplsLabel(100, 0, true, 1));
    byte[] v6 = error(true, 20, 160, false);
    assertThat(RawIcmpExtensions.find(v6, 0, v6.length, true)).as("ICMPv6 counts 64-bit words").isPresent();
  }

  @Test
  void aLegacySenderIsBelievedAt128OctetsOnlyWithAValidChecksum() {
    byte[] legacy = error(false, 0, 128, false);
    assertThat(RawIcmpExtensions.find(legacy, 0, legacy.length, false)).isPresent();
    byte[] bad = error(false, 0, 128, true);
    assertThat(RawIcmpExtensions.find(bad, 0, bad.length, false)).isEmpty();
  }

  @Test
  void aPlainQuoteHasNoExtension() {
    byte[] plain = new byte[8 + 28];
    plain[0] = 11;
    assertThat(RawIcmpExtensions.find(plain, 0, plain.length, false)).isEmpty();
    byte[] shortLength = error(false, 10, 128, false);
    assertThat(RawIcmpExtensions.find(shortLength, 0, shortLength.length, false))
        .as("a length field under 128 octets is not RFC 4884").isEmpty();
  }
}
