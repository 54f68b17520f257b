package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.IcmpError;
import io.netprobe.sockets.internal.libc.LibC;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Control messages and sock_extended_err as the kernel lays them out on LP64 Linux. */
class AncillaryTest {

  @Test
  void readsTimestampAndTtl() {
    ByteBuffer b = buffer(64);
    cmsg(b, LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, 16).putLong(1_700_000_000L).putLong(123_456_789L);
    align(b);
    cmsg(b, LibC.SOL_IP, LibC.IP_TTL, 4).putInt(57);
    Ancillary a = Ancillary.parse(b.array(), b.position());
    assertThat(a.kernelEpochNanos()).isEqualTo(1_700_000_000_123_456_789L);
    assertThat(a.ttl()).isEqualTo(57);
    assertThat(a.error()).isEmpty();
  }

  @Test
  void readsAnIpv6HopLimit() {
    ByteBuffer b = buffer(32);
    cmsg(b, LibC.SOL_IPV6, LibC.IPV6_HOPLIMIT, 4).putInt(63);
    assertThat(Ancillary.parse(b.array(), b.position()).ttl()).isEqualTo(63);
  }

  @Test
  void readsATimeExceededFromTheErrorQueue() throws Exception {
    ByteBuffer b = buffer(64);
    cmsg(b, LibC.SOL_IP, LibC.IP_RECVERR, 16 + 16);
    b.putInt(LibC.EHOSTUNREACH).put((byte) ExtendedError.ORIGIN_ICMP).put((byte) 11).put((byte) 0).put((byte) 0);
    b.putInt(0).putInt(0);
    b.put(SocketAddresses.encode(InetAddress.getByName("10.9.8.7"), 0));
    Ancillary a = Ancillary.parse(b.array(), b.position());
    ExtendedError e = a.error().orElseThrow();
    assertThat(e.errno()).isEqualTo(LibC.EHOSTUNREACH);
    assertThat(e.fromIcmp()).isTrue();
    assertThat(e.type()).isEqualTo(11);
    assertThat(e.code()).isZero();
    assertThat(e.offender()).contains(InetAddress.getByName("10.9.8.7"));
  }

  @Test
  void readsAnIcmpv6PortUnreachableWithItsOffender() throws Exception {
    ByteBuffer b = buffer(80);
    cmsg(b, LibC.SOL_IPV6, LibC.IPV6_RECVERR, 16 + 28);
    b.putInt(LibC.ECONNREFUSED).put((byte) ExtendedError.ORIGIN_ICMP6).put((byte) 1).put((byte) 4).put((byte) 0);
    b.putInt(0).putInt(0);
    b.put(SocketAddresses.encode(InetAddress.getByName("fd00:77:3::2"), 0));
    ExtendedError e = Ancillary.parse(b.array(), b.position()).error().orElseThrow();
    assertThat(e.origin()).isEqualTo(ExtendedError.ORIGIN_ICMP6);
    assertThat(IcmpError.of(1, e.offender().orElseThrow(), e.type(), e.code()).description())
        .isEqualTo("Destination unreachable: Port unreachable");
    assertThat(e.offender()).contains(InetAddress.getByName("fd00:77:3::2"));
  }

  @Test
  void localErrorsHaveNoOffender() {
    ByteBuffer b = buffer(64);
    cmsg(b, LibC.SOL_IP, LibC.IP_RECVERR, 16 + 16);
    b.putInt(LibC.EMSGSIZE).put((byte) ExtendedError.ORIGIN_LOCAL).put((byte) 0).put((byte) 0).put((byte) 0);
    b.putInt(1500).putInt(0);
    b.put(new byte[16]); // AF_UNSPEC
    ExtendedError e = Ancillary.parse(b.array(), b.position()).error().orElseThrow();
    assertThat(e.fromIcmp()).isFalse();
    assertThat(e.info()).isEqualTo(1500);
    assertThat(e.offender()).isEmpty();
  }

  @Test
  void stopsAtATruncatedMessage() {
    ByteBuffer b = buffer(32);
    b.putLong(200).putInt(LibC.SOL_IP).putInt(LibC.IP_TTL).putInt(1);
    assertThat(Ancillary.parse(b.array(), b.position())).isEqualTo(Ancillary.NONE);
  }

  @Test
  void socketAddressesRoundTrip() throws Exception {
    for (String a : new String[] {"192.0.2.1", "2001:db8::42"}) {
      InetAddress address = InetAddress.getByName(a);
      byte[] encoded = SocketAddresses.encode(address, 33434);
      assertThat(SocketAddresses.decode(encoded, 0, encoded.length)).hasValueSatisfying(s -> {
        assertThat(s.getAddress()).isEqualTo(address);
        assertThat(s.getPort()).isEqualTo(33434);
      });
    }
  }

  private static ByteBuffer buffer(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
  }

  private static ByteBuffer cmsg(ByteBuffer b, int level, int type, int dataLength) {
    return b.putLong(16 + dataLength).putInt(level).putInt(type);
  }

  private static void align(ByteBuffer b) {
    b.position((b.position() + 7) & ~7);
  }
}
