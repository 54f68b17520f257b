package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.NatStatus;
import io.netprobe.icmp.PingMethod;
import io.netprobe.sockets.internal.libc.LibC;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TCP SYN probes like {@code traceroute -T}, written through a raw TCP socket (CAP_NET_RAW). Probe {@code n}
 * carries the sequence number {@code base + n}: routers quote it (octets 4–7 of the TCP header) in their time
 * exceeded, the destination acknowledges it ({@code base + n + 1}) in its SYN-ACK or RST, so answers are matched by
 * sequence number whatever the ports. Flow-stable (Paris), every probe leaves from one source port that a bound,
 * unconnected TCP socket reserves, so the 5-tuple never changes; classic, probe {@code n} leaves from the next
 * source port, a new flow each. A second raw socket reads the ICMP errors, whose quote also tells whether a NAT
 * rewrote the source (address or port) on the way. IPv4 and IPv6 (the kernel fills in the IPv6 checksum). Not
 * thread-safe.
 */
final class TcpTraceSocket implements FlowTraceSocket {
  private static final int SOL_RAW = 255;
  private static final int ICMP_FILTER = 1;
  private static final int SEGMENT = 24;
  private static final int SYN = 0x02;

  private final NativeSocket tcp;
  private final NativeSocket icmp;
  private final Socket reservation;
  private final InetAddress local;
  private final int port;
  private final int sourcePort;
  private final boolean flowStable;
  private final int base = ThreadLocalRandom.current().nextInt();
  private final Map<Integer, Integer> sentFrom = new HashMap<>();
  private final byte[] segment = new byte[SEGMENT];

  private TcpTraceSocket(NativeSocket tcp, NativeSocket icmp, Socket reservation, InetAddress local, int port,
      boolean flowStable) {
    this.tcp = tcp;
    this.icmp = icmp;
    this.reservation = reservation;
    this.local = local;
    this.port = port;
    this.sourcePort = reservation.getLocalPort();
    this.flowStable = flowStable;
  }

  /**
   * Opens the raw sockets for probes to {@code target:port}.
   *
   * @param sourcePort the source port of flow-stable probes (the first one of classic probes); 0: the system's pick
   * @throws ErrnoException EPERM without CAP_NET_RAW
   * @throws IOException when no route leads to the target or the source port is taken
   */
  static TcpTraceSocket open(InetAddress target, int port, int sourcePort, boolean flowStable)
      throws ErrnoException, IOException {
    boolean v6 = SocketAddresses.isV6(target);
    InetAddress local = localAddressTowards(target, port);
    NativeSocket tcp = NativeSocket.open(v6, LibC.SOCK_RAW, LibC.IPPROTO_TCP);
    NativeSocket icmp = null;
    Socket reservation = new Socket();
    try {
      icmp = NativeSocket.open(v6, LibC.SOCK_RAW, v6 ? LibC.IPPROTO_ICMPV6 : LibC.IPPROTO_ICMP);
      if (v6) {
        tcp.setInt(LibC.SOL_IPV6, LibC.IPV6_CHECKSUM, 16);
        icmp.setBytes(LibC.IPPROTO_ICMPV6, ICMP_FILTER, EchoSocket.icmp6Filter(1, 2, 3, 4));
      } else {
        icmp.setInt(SOL_RAW, ICMP_FILTER, ~((1 << 3) | (1 << 11) | (1 << 12)));
      }
      tcp.setInt(LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, 1);
      icmp.setInt(LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, 1);
      // a bound socket that never listens: the kernel gives its port to nothing else and answers SYN-ACKs with RST
      reservation.bind(new InetSocketAddress(local, sourcePort));
      return new TcpTraceSocket(tcp, icmp, reservation, local, port, flowStable);
    } catch (IOException | RuntimeException e) {
      tcp.close();
      if (icmp != null) {
        icmp.close();
      }
      reservation.close();
      throw e;
    }
  }

  /** The source address the routing table picks for {@code target} (a connected UDP socket sends nothing). */
  static InetAddress localAddressTowards(InetAddress target, int port) throws IOException {
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(new InetSocketAddress(target, port));
      InetAddress local = probe.getLocalAddress();
      if (local == null || local.isAnyLocalAddress()) {
        throw new IOException("no route to " + target.getHostAddress());
      }
      return local;
    }
  }

  @Override
  public PingMethod method() {
    return PingMethod.RAW_ICMP;
  }

  @Override
  public int send(InetAddress target, int probe, int ttl) {
    return send(target, probe, ttl, flowStable ? 0 : probe);
  }

  /** Sends probe {@code probe} from source port {@code sourcePort + flow}. */
  @Override
  public int send(InetAddress target, int probe, int ttl, int flow) {
    int from = flow == 0 ? sourcePort : 1024 + Math.floorMod(sourcePort - 1024 + flow, 65535 - 1024);
    syn(segment, from, port, base + probe, local, target);
    sentFrom.put(probe & 0xffff, from);
    return tcp.sendPastPendingError(target, 0, segment, ttl);
  }

  /**
   * Writes a SYN with an MSS option; for IPv4 with its checksum (for IPv6 the kernel computes it, IPV6_CHECKSUM).
   */
  static void syn(byte[] s, int sourcePort, int destinationPort, int sequence, InetAddress source,
      InetAddress destination) {
    java.util.Arrays.fill(s, (byte) 0);
    putShort(s, 0, sourcePort);
    putShort(s, 2, destinationPort);
    putInt(s, 4, sequence);
    s[12] = (byte) ((SEGMENT / 4) << 4);
    s[13] = SYN;
    putShort(s, 14, 65535);
    s[20] = 2;
    s[21] = 4;
    putShort(s, 22, SocketAddresses.isV6(destination) ? 1440 : 1460);
    if (!SocketAddresses.isV6(destination)) {
      byte[] pseudo = new byte[12 + s.length];
      System.arraycopy(source.getAddress(), 0, pseudo, 0, 4);
      System.arraycopy(destination.getAddress(), 0, pseudo, 4, 4);
      pseudo[9] = (byte) LibC.IPPROTO_TCP;
      putShort(pseudo, 10, s.length);
      System.arraycopy(s, 0, pseudo, 12, s.length);
      putShort(s, 16, IcmpPacket.checksum(pseudo, 0, pseudo.length));
    }
  }

  @Override
  public List<Answer> drain() throws ErrnoException {
    List<Answer> answers = new ArrayList<>();
    NativeSocket.Received r;
    while ((r = tcp.receive(false, tcp.isV6())) != null) {
      fromDestination(r).ifPresent(answers::add);
    }
    while ((r = icmp.receive(false, icmp.isV6())) != null) {
      fromRouter(r).ifPresent(answers::add);
    }
    return answers;
  }

  /** A SYN-ACK or RST from the destination port acknowledging one of our sequence numbers. */
  private Optional<Answer> fromDestination(NativeSocket.Received r) {
    byte[] d = r.data();
    int offset = 0;
    InetAddress from;
    if (tcp.isV6()) {
      if (r.from().isEmpty()) {
        return Optional.empty();
      }
      from = r.from().get().getAddress();
    } else {
      offset = IcmpPacket.ipv4PayloadOffset(d, d.length);
      if (offset < 0) {
        return Optional.empty();
      }
      from = IcmpPacket.ipv4Source(d);
    }
    if (d.length < offset + 20 || IcmpPacket.getShort(d, offset) != port) {
      return Optional.empty();
    }
    int flags = d[offset + 13] & 0x3f;
    boolean synAck = (flags & HopProbe.SYN_ACK) == HopProbe.SYN_ACK;
    if (!synAck && (flags & HopProbe.RST) == 0) {
      return Optional.empty();
    }
    int probe = getInt(d, offset + 8) - 1 - base;
    Integer sentFromPort = probe >= 0 && probe <= 0xffff ? sentFrom.get(probe) : null;
    if (sentFromPort == null || IcmpPacket.getShort(d, offset + 2) != sentFromPort) {
      return Optional.empty();
    }
    return Optional.of(new Answer(probe, from, HopProbe.TCP_ANSWER, flags, r.ancillary().kernelEpochNanos(),
        r.userNanoTime()));
  }

  /** An ICMP error quoting one of our SYNs: the quote's sequence number names the probe. */
  private Optional<Answer> fromRouter(NativeSocket.Received r) {
    byte[] d = r.data();
    boolean v6 = icmp.isV6();
    int at = 0;
    InetAddress from;
    if (v6) {
      if (r.from().isEmpty()) {
        return Optional.empty();
      }
      from = r.from().get().getAddress();
    } else {
      at = IcmpPacket.ipv4PayloadOffset(d, d.length);
      if (at < 0) {
        return Optional.empty();
      }
      from = IcmpPacket.ipv4Source(d);
    }
    int inner = at + IcmpPacket.HEADER;
    if (d.length < inner + (v6 ? 40 : 20) + 8 || !IcmpPacket.isError(v6, d[at] & 0xff)) {
      return Optional.empty();
    }
    int innerLength;
    InetAddress quotedSource;
    if (v6) {
      if ((d[inner] & 0xf0) != 0x60 || (d[inner + 6] & 0xff) != LibC.IPPROTO_TCP) {
        return Optional.empty();
      }
      innerLength = 40;
      quotedSource = SocketAddresses.address(d, inner + 8, 16);
    } else {
      if ((d[inner] & 0xf0) != 0x40 || (d[inner + 9] & 0xff) != LibC.IPPROTO_TCP) {
        return Optional.empty();
      }
      innerLength = (d[inner] & 0x0f) * 4;
      quotedSource = SocketAddresses.address(d, inner + 12, 4);
    }
    int quotedTcp = inner + innerLength;
    if (d.length < quotedTcp + 8 || IcmpPacket.getShort(d, quotedTcp + 2) != port) {
      return Optional.empty();
    }
    int probe = getInt(d, quotedTcp + 4) - base;
    Integer sentFromPort = probe >= 0 && probe <= 0xffff ? sentFrom.get(probe) : null;
    if (sentFromPort == null) {
      return Optional.empty();
    }
    boolean same = quotedSource.equals(local) && IcmpPacket.getShort(d, quotedTcp) == sentFromPort;
    return Optional.of(new Answer(probe, from, d[at] & 0xff, d[at + 1] & 0xff, r.ancillary().kernelEpochNanos(),
        r.userNanoTime(), RawIcmpExtensions.find(d, at, d.length - at, v6),
        same ? NatStatus.NONE : NatStatus.SOURCE_REWRITTEN));
  }

  @Override
  public NativeSocket nativeSocket() {
    return tcp;
  }

  @Override
  public List<NativeSocket> nativeSockets() {
    return List.of(tcp, icmp);
  }

  @Override
  public void close() {
    tcp.close();
    icmp.close();
    try {
      reservation.close();
    } catch (IOException ignored) {
      // closing a socket that never connected
    }
  }

  private static void putShort(byte[] b, int offset, int value) {
    b[offset] = (byte) (value >>> 8);
    b[offset + 1] = (byte) value;
  }

  private static void putInt(byte[] b, int offset, int value) {
    putShort(b, offset, value >>> 16);
    putShort(b, offset + 2, value);
  }

  private static int getInt(byte[] b, int offset) {
    return (IcmpPacket.getShort(b, offset) << 16) | IcmpPacket.getShort(b, offset + 2);
  }
}
