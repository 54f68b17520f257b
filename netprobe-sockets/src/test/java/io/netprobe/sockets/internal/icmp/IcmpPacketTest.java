package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IcmpPacketTest {

  @Test
  void checksumMatchesRfc1071Example() {
    // RFC 1071 section 3: the one's complement sum of 0001 f203 f4f5 f6f7 is ddf2, so the checksum is 220d.
    byte[] data = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
    assertThat(IcmpPacket.checksum(data, 0, data.length)).isEqualTo(0x220d);
  }

  @Test
  void checksumOfOddLengthPadsWithZero() {
    byte[] data = {0x01, 0x02, 0x03};
    assertThat(IcmpPacket.checksum(data, 0, 3)).isEqualTo(~(0x0102 + 0x0300) & 0xffff);
  }

  @Test
  void echoRequestV4HasTypeIdSequenceAndValidChecksum() {
    byte[] echo = IcmpPacket.echoRequest(false, 0x1234, 7, 56);
    assertThat(echo).hasSize(64);
    assertThat(echo[0]).isEqualTo((byte) 8);
    assertThat(echo[1]).isZero();
    assertThat(IcmpPacket.getShort(echo, 4)).isEqualTo(0x1234);
    assertThat(IcmpPacket.getShort(echo, 6)).isEqualTo(7);
    assertThat(IcmpPacket.checksum(echo, 0, echo.length)).as("a packet with its checksum sums to zero").isZero();
    IcmpPacket.setSequence(echo, false, 65535);
    assertThat(IcmpPacket.getShort(echo, 6)).isEqualTo(65535);
    assertThat(IcmpPacket.checksum(echo, 0, echo.length)).isZero();
  }

  @Test
  void echoRequestV6LeavesTheChecksumToTheKernel() {
    byte[] echo = IcmpPacket.echoRequest(true, 1, 2, 0);
    assertThat(echo).containsExactly(128, 0, 0, 0, 0, 1, 0, 2);
  }

  @Test
  void parsesAnEchoReply() {
    byte[] reply = IcmpPacket.echoRequest(false, 99, 3, 8);
    reply[0] = 0;
    IcmpPacket p = IcmpPacket.parse(false, reply, 0, reply.length).orElseThrow();
    assertThat(p.type()).isZero();
    assertThat(p.identifier()).isEqualTo(99);
    assertThat(p.sequence()).isEqualTo(3);
    assertThat(p.length()).isEqualTo(16);
    assertThat(p.quoted()).isEmpty();
    assertThat(IcmpPacket.parse(false, reply, 0, 7)).isEmpty();
  }

  @Test
  void parsesTheDatagramQuotedByAnIpv4TimeExceeded() throws Exception {
    byte[] packet = new byte[20 + 8 + 20 + 8];
    ipv4Header(packet, 0, 61, 1, InetAddress.getByName("10.0.0.254"), InetAddress.getByName("10.0.0.7"));
    packet[20] = 11; // time exceeded, code 0
    ipv4Header(packet, 28, 1, 1, InetAddress.getByName("10.0.0.7"), InetAddress.getByName("192.0.2.9"));
    packet[48] = 8; // the quoted echo request
    packet[52] = 0x12;
    packet[53] = 0x34;
    packet[55] = 5;
    int offset = IcmpPacket.ipv4PayloadOffset(packet, packet.length);
    assertThat(offset).isEqualTo(20);
    assertThat(IcmpPacket.ipv4Ttl(packet)).isEqualTo(61);
    assertThat(IcmpPacket.ipv4Source(packet)).isEqualTo(InetAddress.getByName("10.0.0.254"));
    IcmpPacket p = IcmpPacket.parse(false, packet, offset, packet.length - offset).orElseThrow();
    assertThat(p.type()).isEqualTo(11);
    IcmpPacket.Quoted q = p.quoted().orElseThrow();
    assertThat(q.protocol()).isEqualTo(1);
    assertThat(q.destination()).isEqualTo(InetAddress.getByName("192.0.2.9"));
    assertThat(q.identifier()).isEqualTo(0x1234);
    assertThat(q.sequence()).isEqualTo(5);
  }

  @Test
  void parsesTheUdpPortsQuotedByAnIcmpv6Error() throws Exception {
    byte[] packet = new byte[8 + 40 + 8];
    packet[0] = 1; // destination unreachable
    packet[1] = 4; // port unreachable
    packet[8] = 0x60;
    packet[8 + 6] = 17;
    System.arraycopy(InetAddress.getByName("2001:db8::1").getAddress(), 0, packet, 8 + 24, 16);
    packet[48] = (byte) 0xa0; // source port 0xa000
    packet[50] = (byte) 0x82; // destination port 33434 = 0x829a
    packet[51] = (byte) 0x9a;
    IcmpPacket p = IcmpPacket.parse(true, packet, 0, packet.length).orElseThrow();
    IcmpPacket.Quoted q = p.quoted().orElseThrow();
    assertThat(q.protocol()).isEqualTo(17);
    assertThat(q.destination()).isEqualTo(InetAddress.getByName("2001:db8::1"));
    assertThat(q.identifier()).isEqualTo(0xa000);
    assertThat(q.sequence()).isEqualTo(33434);
  }

  @Test
  void rejectsWhatIsNotAnIpv4Datagram() {
    assertThat(IcmpPacket.ipv4PayloadOffset(new byte[10], 10)).isEqualTo(-1);
    byte[] v6 = new byte[40];
    v6[0] = 0x60;
    assertThat(IcmpPacket.ipv4PayloadOffset(v6, 40)).isEqualTo(-1);
  }

  private static void ipv4Header(byte[] b, int at, int ttl, int protocol, InetAddress from, InetAddress to) {
    b[at] = 0x45;
    b[at + 8] = (byte) ttl;
    b[at + 9] = (byte) protocol;
    System.arraycopy(from.getAddress(), 0, b, at + 12, 4);
    System.arraycopy(to.getAddress(), 0, b, at + 16, 4);
  }
}
