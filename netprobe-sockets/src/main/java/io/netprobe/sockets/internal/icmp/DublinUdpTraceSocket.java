package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.NatStatus;
import io.netprobe.icmp.PingMethod;
import io.netprobe.sockets.internal.libc.LibC;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dublin traceroute's UDP probes (IPv4, CAP_NET_RAW): whole IP datagrams written through a raw socket, both ports
 * fixed (so one flow, as Paris), the probe number in the IP identification ({@code probe + 1}: the kernel would
 * replace 0). Routers quote the IP header, so answers are matched by identification whatever the ports. The UDP
 * checksum is computed here and remembered: a quote whose checksum (or source address or port) differs from the
 * one sent shows a NAT on the way, Dublin's NAT detection. A bound UDP socket reserves the source port. Not
 * thread-safe.
 */
final class DublinUdpTraceSocket implements TraceSocket {
  private static final int IPPROTO_RAW = 255;
  private static final int SOL_RAW = 255;
  private static final int ICMP_FILTER = 1;
  private static final int PAYLOAD = 8;

  private final NativeSocket out;
  private final NativeSocket icmp;
  private final DatagramSocket reservation;
  private final InetAddress local;
  private final int port;
  private final int sourcePort;
  private final Map<Integer, Integer> sentChecksum = new HashMap<>();
  private final byte[] packet = new byte[20 + 8 + PAYLOAD];

  private DublinUdpTraceSocket(NativeSocket out, NativeSocket icmp, DatagramSocket reservation, InetAddress local,
      int port) {
    this.out = out;
    this.icmp = icmp;
    this.reservation = reservation;
    this.local = local;
    this.port = port;
    this.sourcePort = reservation.getLocalPort();
  }

  /**
   * Opens the raw sockets for probes to {@code target:port}.
   *
   * @throws ErrnoException EPERM without CAP_NET_RAW
   * @throws IOException when no route leads to the target or the source port is taken
   */
  static DublinUdpTraceSocket open(InetAddress target, int port, int sourcePort) throws IOException {
    InetAddress local = TcpTraceSocket.localAddressTowards(target, port);
    NativeSocket out = NativeSocket.open(false, LibC.SOCK_RAW, IPPROTO_RAW);
    NativeSocket icmp = null;
    DatagramSocket reservation = null;
    try {
      icmp = NativeSocket.open(false, LibC.SOCK_RAW, LibC.IPPROTO_ICMP);
      icmp.setInt(SOL_RAW, ICMP_FILTER, ~((1 << 3) | (1 << 11) | (1 << 12)));
      icmp.setInt(LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, 1);
      reservation = new DatagramSocket(new InetSocketAddress(local, sourcePort));
      return new DublinUdpTraceSocket(out, icmp, reservation, local, port);
    } catch (IOException | RuntimeException e) {
      out.close();
      if (icmp != null) {
        icmp.close();
      }
      if (reservation != null) {
        reservation.close();
      }
      throw e;
    }
  }

  @Override
  public PingMethod method() {
    return PingMethod.RAW_ICMP;
  }

  @Override
  public int send(InetAddress target, int probe, int ttl) {
    int id = (probe + 1) & 0xffff;
    int checksum = datagram(packet, local, target, sourcePort, port, id, ttl);
    sentChecksum.put(id, checksum);
    return out.sendPastPendingError(target, 0, packet, -1);
  }

  /**
   * Writes an IPv4 datagram (identification {@code id}, header checksum left to the kernel) with a UDP header and a
   * payload carrying {@code id}; returns the UDP checksum.
   */
  static int datagram(byte[] p, InetAddress source, InetAddress destination, int sourcePort, int destinationPort,
      int id, int ttl) {
    java.util.Arrays.fill(p, (byte) 0);
    p[0] = 0x45;
    putShort(p, 2, p.length);
    putShort(p, 4, id);
    p[8] = (byte) ttl;
    p[9] = (byte) LibC.IPPROTO_UDP;
    System.arraycopy(source.getAddress(), 0, p, 12, 4);
    System.arraycopy(destination.getAddress(), 0, p, 16, 4);
    putShort(p, 20, sourcePort);
    putShort(p, 22, destinationPort);
    putShort(p, 24, p.length - 20);
    p[28] = 'N';
    p[29] = 'S';
    p[30] = 'M';
    p[31] = 'N';
    putShort(p, 32, id);
    byte[] pseudo = new byte[12 + p.length - 20];
    System.arraycopy(p, 12, pseudo, 0, 8);
    pseudo[9] = (byte) LibC.IPPROTO_UDP;
    putShort(pseudo, 10, p.length - 20);
    System.arraycopy(p, 20, pseudo, 12, p.length - 20);
    int checksum = IcmpPacket.checksum(pseudo, 0, pseudo.length);
    checksum = checksum == 0 ? 0xffff : checksum;
    putShort(p, 26, checksum);
    return checksum;
  }

  @Override
  public List<Answer> drain() throws ErrnoException {
    List<Answer> answers = new ArrayList<>();
    NativeSocket.Received r;
    while ((r = icmp.receive(false, false)) != null) {
      answer(r).ifPresent(answers::add);
    }
    return answers;
  }

  private Optional<Answer> answer(NativeSocket.Received r) {
    byte[] d = r.data();
    int at = IcmpPacket.ipv4PayloadOffset(d, d.length);
    if (at < 0 || d.length < at + 8 + 20 + 8 || !IcmpPacket.isError(false, d[at] & 0xff)) {
      return Optional.empty();
    }
    int inner = at + 8;
    if ((d[inner] & 0xf0) != 0x40 || (d[inner + 9] & 0xff) != LibC.IPPROTO_UDP) {
      return Optional.empty();
    }
    int udp = inner + (d[inner] & 0x0f) * 4;
    if (d.length < udp + 8 || IcmpPacket.getShort(d, udp + 2) != port) {
      return Optional.empty();
    }
    int id = IcmpPacket.getShort(d, inner + 4);
    Integer sent = sentChecksum.get(id);
    if (sent == null) {
      return Optional.empty();
    }
    boolean same = SocketAddresses.address(d, inner + 12, 4).equals(local)
        && IcmpPacket.getShort(d, udp) == sourcePort && IcmpPacket.getShort(d, udp + 6) == sent;
    return Optional.of(new Answer(id - 1, IcmpPacket.ipv4Source(d), d[at] & 0xff, d[at + 1] & 0xff,
        r.ancillary().kernelEpochNanos(), r.userNanoTime(), RawIcmpExtensions.find(d, at, d.length - at, false),
        same ? NatStatus.NONE : NatStatus.SOURCE_REWRITTEN));
  }

  @Override
  public NativeSocket nativeSocket() {
    return icmp;
  }

  @Override
  public void close() {
    out.close();
    icmp.close();
    reservation.close();
  }

  private static void putShort(byte[] b, int offset, int value) {
    b[offset] = (byte) (value >>> 8);
    b[offset + 1] = (byte) value;
  }
}
