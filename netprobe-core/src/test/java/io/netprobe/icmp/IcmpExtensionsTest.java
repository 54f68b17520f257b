package io.netprobe.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** RFC 4884 extension structures with RFC 4950 MPLS stacks and RFC 5837 interface objects, built byte by byte. */
class IcmpExtensionsTest {

  /** An extension structure with a correct checksum. */
  static byte[] structure(byte[]... objects) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x20);
    out.write(0);
    out.write(0);
    out.write(0);
    for (byte[] o : objects) {
      out.writeBytes(o);
    }
    byte[] b = out.toByteArray();
    int sum = IcmpExtensions.checksum(b, 0, b.length);
    b[2] = (byte) (sum >>> 8);
    b[3] = (byte) sum;
    return b;
  }

  static byte[] object(int classNum, int cType, byte[] payload) {
    byte[] o = new byte[4 + payload.length];
    o[0] = (byte) (o.length >>> 8);
    o[1] = (byte) o.length;
    o[2] = (byte) classNum;
    o[3] = (byte) cType;
    System.arraycopy(payload, 0, o, 4, payload.length);
    return o;
  }

  static byte[] mpls(int... entries) {
    byte[] p = new byte[entries.length * 4];
    for (int i = 0; i < entries.length; i++) {
      p[4 * i] = (byte) (entries[i] >>> 24);
      p[4 * i + 1] = (byte) (entries[i] >>> 16);
      p[4 * i + 2] = (byte) (entries[i] >>> 8);
      p[4 * i + 3] = (byte) entries[i];
    }
    return object(1, 1, p);
  }

  static int entry(int label, int tc, boolean bottom, int ttl) {
    return label << 12 | tc << 9 | (bottom ? 1 : 0) << 8 | ttl;
  }

  /** An incoming-interface object with ifIndex, IPv4 address, name and MTU (C-Type 0b00_00_1111). */
  static byte[] incomingInterface(int ifIndex, byte[] v4, String name, int mtu) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.writeBytes(new byte[] {(byte) (ifIndex >>> 24), (byte) (ifIndex >>> 16), (byte) (ifIndex >>> 8),
        (byte) ifIndex});
    p.writeBytes(new byte[] {0, 1, 0, 0});
    p.writeBytes(v4);
    byte[] text = name.getBytes(StandardCharsets.UTF_8);
    int nameLength = (1 + text.length + 3) / 4 * 4;
    p.write(nameLength);
    p.writeBytes(text);
    p.writeBytes(new byte[nameLength - 1 - text.length]);
    p.writeBytes(new byte[] {(byte) (mtu >>> 24), (byte) (mtu >>> 16), (byte) (mtu >>> 8), (byte) mtu});
    return object(2, 0x0f, p.toByteArray());
  }

  @Test
  void decodesAnMplsLabelStack() {
    byte[] b = structure(mpls(entry(16005, 0, false, 1), entry(24001, 5, true, 254)));
    IcmpExtensions e = IcmpExtensions.parse(b, 0, b.length).orElseThrow();
    assertThat(e.checksumValid()).isTrue();
    assertThat(e.mplsLabels()).containsExactly(new MplsLabel(16005, 0, false, 1), new MplsLabel(24001, 5, true, 254));
    assertThat(e.interfaces()).isEmpty();
  }

  @Test
  void decodesInterfaceInformation() throws Exception {
    byte[] b = structure(mpls(entry(100, 0, true, 1)),
        incomingInterface(7, new byte[] {10, 77, 1, 2}, "ge-0/0/1", 1500));
    IcmpExtensions e = IcmpExtensions.parse(b, 0, b.length).orElseThrow();
    assertThat(e.mplsLabels()).containsExactly(new MplsLabel(100, 0, true, 1));
    assertThat(e.interfaces()).containsExactly(new InterfaceInfo(InterfaceInfo.Role.INCOMING, OptionalInt.of(7),
        Optional.of(InetAddress.getByName("10.77.1.2")), Optional.of("ge-0/0/1"), OptionalInt.of(1500)));
  }

  @Test
  void interfaceObjectsCarryOnlyWhatTheirFlagsSay() throws Exception {
    // role 2 (outgoing) with only the IPv6 address (flag 0x04)
    byte[] payload = new byte[20];
    payload[1] = 2;
    byte[] v6 = InetAddress.getByName("fd77::1").getAddress();
    System.arraycopy(v6, 0, payload, 4, 16);
    byte[] b = structure(object(2, 0x80 | 0x04, payload));
    InterfaceInfo i = IcmpExtensions.parse(b, 0, b.length).orElseThrow().interfaces().get(0);
    assertThat(i.role()).isEqualTo(InterfaceInfo.Role.OUTGOING);
    assertThat(i.address()).contains(InetAddress.getByName("fd77::1"));
    assertThat(i.ifIndex()).isEmpty();
    assertThat(i.name()).isEmpty();
    assertThat(i.mtu()).isEmpty();
  }

  @Test
  void keepsUnknownObjectsAndFlagsABadChecksum() {
    byte[] b = structure(object(3, 1, new byte[] {1, 2, 3, 4}));
    b[3] ^= 1;
    IcmpExtensions e = IcmpExtensions.parse(b, 0, b.length).orElseThrow();
    assertThat(e.checksumValid()).isFalse();
    assertThat(e.others()).containsExactly(new IcmpExtensions.Other(3, 1, "01020304"));
  }

  @Test
  void findsNothingWithoutAVersion2HeaderAndStopsAtATruncatedObject() {
    assertThat(IcmpExtensions.parse(new byte[] {0x10, 0, 0, 0}, 0, 4)).isEmpty();
    assertThat(IcmpExtensions.parse(new byte[3], 0, 3)).isEmpty();
    byte[] b = structure(mpls(entry(1, 0, true, 1)));
    byte[] cut = java.util.Arrays.copyOf(b, b.length - 2);
    cut[5] = 8; // the object now claims more than there is
    IcmpExtensions e = IcmpExtensions.parse(cut, 0, cut.length).orElseThrow();
    assertThat(e.mplsLabels()).isEmpty();
  }

  @Test
  void hopsExposeTheFirstLabelStackAndEveryInterface() throws Exception {
    byte[] b = structure(mpls(entry(300, 0, true, 1)), incomingInterface(2, new byte[] {10, 0, 0, 1}, "eth0", 9000));
    IcmpExtensions e = IcmpExtensions.parse(b, 0, b.length).orElseThrow();
    InetAddress router = InetAddress.getByName("10.0.0.1");
    HopProbe with = new HopProbe(Optional.of(router), Optional.of(java.time.Duration.ofMillis(1)), 11, 0,
        Optional.of(e));
    HopProbe without = new HopProbe(Optional.of(router), Optional.of(java.time.Duration.ofMillis(1)), 11, 0);
    Hop hop = Hop.of(3, java.util.List.of(without, with, HopProbe.silent()), Optional.empty(),
        InetAddress.getByName("10.9.9.9"));
    assertThat(hop.mplsLabels()).containsExactly(new MplsLabel(300, 0, true, 1));
    assertThat(hop.interfaces()).hasSize(1);
    assertThat(without.extensions()).isEmpty();
  }
}
