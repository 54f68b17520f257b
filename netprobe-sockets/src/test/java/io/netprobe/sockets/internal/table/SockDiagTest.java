package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.TransportProtocol;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SockDiagTest {

  /** The fields a test compares, in one line: {@code tcp 0.0.0.0:47001 rq=1 wq=37 uid=0 ino=24862 if=0 v6only=-}. */
  static String describe(RawSocket s) {
    String host = s.family() == AddressFamily.IPV6 ? "[" + s.address().getHostAddress() + "]"
        : s.address().getHostAddress();
    return s.protocol().name().toLowerCase(java.util.Locale.ROOT) + " " + host + ":" + s.port() + " rq="
        + s.receiveQueue() + " wq=" + s.sendQueue() + " uid=" + s.uid().orElse(-1) + " ino=" + s.inode() + " if="
        + s.interfaceIndex() + " v6only=" + s.v6Only().map(v -> v ? "1" : "0").orElse("-");
  }

  private static List<String> parseDump(String name, TransportProtocol protocol) throws SockDiagException {
    List<RawSocket> out = new ArrayList<>();
    assertThat(SockDiag.parse(ByteBuffer.wrap(Fixtures.bytes("netlink-" + name + "-0.bin")), protocol, out))
        .as("the first datagram does not end the dump").isFalse();
    assertThat(SockDiag.parse(ByteBuffer.wrap(Fixtures.bytes("netlink-" + name + "-1.bin")), protocol, out))
        .as("the second datagram holds NLMSG_DONE").isTrue();
    return out.stream().map(SockDiagTest::describe).toList();
  }

  @Test
  void tcp4ListenersWithAcceptQueueBacklogAndBoundDevice() throws Exception {
    assertThat(parseDump("tcp4", TransportProtocol.TCP)).containsExactlyInAnyOrder(
        "tcp 0.0.0.0:47001 rq=1 wq=37 uid=0 ino=24862 if=0 v6only=-",
        "tcp 0.0.0.0:47006 rq=0 wq=42 uid=0 ino=24867 if=1 v6only=-",
        "tcp 127.0.0.2:47002 rq=0 wq=38 uid=0 ino=24863 if=0 v6only=-",
        "tcp 0.0.0.0:2024 rq=0 wq=128 uid=0 ino=646 if=0 v6only=-");
  }

  @Test
  void tcp6ListenersCarryV6Only() throws Exception {
    assertThat(parseDump("tcp6", TransportProtocol.TCP)).containsExactlyInAnyOrder(
        "tcp [0:0:0:0:0:0:0:1]:47005 rq=0 wq=41 uid=0 ino=24866 if=0 v6only=1",
        "tcp [0:0:0:0:0:0:0:0]:47003 rq=0 wq=39 uid=0 ino=24864 if=0 v6only=0",
        "tcp [0:0:0:0:0:0:0:0]:47004 rq=0 wq=40 uid=0 ino=24865 if=0 v6only=1");
  }

  @Test
  void udpUnconnectedOnly() throws Exception {
    assertThat(parseDump("udp4", TransportProtocol.UDP)).containsExactly(
        "udp 127.0.0.1:47007 rq=0 wq=0 uid=0 ino=24868 if=0 v6only=-");
    assertThat(parseDump("udp6", TransportProtocol.UDP)).containsExactly(
        "udp [0:0:0:0:0:0:0:0]:47008 rq=0 wq=0 uid=0 ino=24869 if=0 v6only=0");
  }

  @Test
  void severalDatagramsConcatenatedParseLikeOne() throws Exception {
    byte[] a = Fixtures.bytes("netlink-tcp6-0.bin");
    byte[] b = Fixtures.bytes("netlink-tcp6-1.bin");
    ByteBuffer both = ByteBuffer.allocate(a.length + b.length).put(a).put(b).flip();
    List<RawSocket> out = new ArrayList<>();
    assertThat(SockDiag.parse(both, TransportProtocol.TCP, out)).isTrue();
    assertThat(out).hasSize(3);
  }

  @Test
  void requestHasTheListenOnlyMaskAndPortFilter() {
    ByteBuffer r = SockDiag.dumpRequest(AddressFamily.IPV6, TransportProtocol.TCP, 8080, 42)
        .order(ByteOrder.nativeOrder());
    assertThat(r.remaining()).isEqualTo(72);
    assertThat(r.getInt(0)).as("nlmsg_len").isEqualTo(72);
    assertThat(r.getShort(4)).as("SOCK_DIAG_BY_FAMILY").isEqualTo((short) 20);
    assertThat(r.getShort(6)).as("NLM_F_REQUEST|NLM_F_DUMP").isEqualTo((short) 0x301);
    assertThat(r.getInt(8)).as("sequence").isEqualTo(42);
    assertThat(r.get(16)).as("AF_INET6").isEqualTo((byte) 10);
    assertThat(r.get(17)).as("IPPROTO_TCP").isEqualTo((byte) 6);
    assertThat(r.getInt(20)).as("TCPF_LISTEN only: never walk the established hash").isEqualTo(0x400);
    assertThat(Short.toUnsignedInt(r.order(ByteOrder.BIG_ENDIAN).getShort(24))).as("sport, big-endian")
        .isEqualTo(8080);
    assertThat(r.order(ByteOrder.nativeOrder()).getInt(64)).as("cookie").isEqualTo(-1);
    ByteBuffer udp = SockDiag.dumpRequest(AddressFamily.IPV4, TransportProtocol.UDP, 0, 1)
        .order(ByteOrder.nativeOrder());
    assertThat(udp.get(16)).isEqualTo((byte) 2);
    assertThat(udp.get(17)).isEqualTo((byte) 17);
    assertThat(udp.getInt(20)).as("TCP_CLOSE only: unconnected UDP").isEqualTo(0x80);
  }

  @Test
  void kernelErrorBecomesAnExceptionWithErrno() {
    ByteBuffer error = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
    error.putInt(36).putShort((short) SockDiag.NLMSG_ERROR).putShort((short) 0).putInt(1).putInt(0);
    error.putInt(-2); // -ENOENT
    error.putInt(72).putShort((short) 20).putShort((short) 0x301).putInt(1).putInt(0);
    error.flip();
    assertThatThrownBy(() -> SockDiag.parse(error, TransportProtocol.TCP, new ArrayList<>()))
        .isInstanceOf(SockDiagException.class).hasMessageContaining("errno 2")
        .satisfies(e -> assertThat(((SockDiagException) e).errno()).isEqualTo(2));
  }

  @Test
  void truncatedMessagesAreRejected() {
    byte[] a = Fixtures.bytes("netlink-tcp4-0.bin");
    ByteBuffer cut = ByteBuffer.wrap(a, 0, a.length - 10);
    assertThatThrownBy(() -> SockDiag.parse(cut, TransportProtocol.TCP, new ArrayList<>()))
        .isInstanceOf(SockDiagException.class).hasMessageContaining("malformed");
    ByteBuffer tooShort = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
    tooShort.putInt(20).putShort((short) 20).putShort((short) 2).putInt(1).putInt(0).putInt(0).flip();
    assertThatThrownBy(() -> SockDiag.parse(tooShort, TransportProtocol.TCP, new ArrayList<>()))
        .isInstanceOf(SockDiagException.class).hasMessageContaining("inet_diag_msg of 4 bytes");
  }

  @Test
  void socketsInOtherStatesAreSkipped() throws Exception {
    byte[] a = Fixtures.bytes("netlink-udp4-0.bin").clone();
    a[16 + 1] = 1; // ESTABLISHED: a connected UDP socket
    List<RawSocket> out = new ArrayList<>();
    SockDiag.parse(ByteBuffer.wrap(a), TransportProtocol.UDP, out);
    assertThat(out).isEmpty();
  }
}
