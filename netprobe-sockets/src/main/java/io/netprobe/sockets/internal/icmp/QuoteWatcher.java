package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.NatStatus;
import io.netprobe.sockets.internal.libc.LibC;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Reads the quoted IP and UDP headers of the ICMP errors that answer flow-stable UDP probes, which the error queue
 * does not return, through a raw ICMP socket (so only with CAP_NET_RAW), and compares the quoted source address and
 * port with those the probes left with: a difference is a NAT on the way (the quote-comparison half of Dublin
 * traceroute's method). IPv4 and IPv6 (a stateless NAT66 or NPTv6 prefix translation shows the same way). Owned by
 * one trace; not thread-safe.
 */
final class QuoteWatcher implements AutoCloseable {
  private static final int SOL_RAW = 255;
  private static final int ICMP_FILTER = 1;

  private final NativeSocket raw;
  private final InetAddress target;
  private final InetAddress local;
  private final int destinationPort;
  private final Map<Integer, NatStatus> seen = new HashMap<>();

  private QuoteWatcher(NativeSocket raw, InetAddress target, InetAddress local, int destinationPort) {
    this.raw = raw;
    this.target = target;
    this.local = local;
    this.destinationPort = destinationPort;
  }

  /** A watcher for probes to {@code target:destinationPort}, or null without a raw socket. */
  static @Nullable QuoteWatcher open(InetAddress target, int destinationPort) {
    boolean v6 = SocketAddresses.isV6(target);
    InetAddress local;
    try (DatagramSocket probe = new DatagramSocket()) {
      probe.connect(new InetSocketAddress(target, destinationPort));
      local = probe.getLocalAddress();
    } catch (java.io.IOException | RuntimeException noRoute) {
      return null;
    }
    NativeSocket raw;
    try {
      raw = NativeSocket.open(v6, LibC.SOCK_RAW, v6 ? LibC.IPPROTO_ICMPV6 : LibC.IPPROTO_ICMP);
    } catch (ErrnoException notPermitted) {
      return null;
    }
    try {
      if (v6) {
        raw.setBytes(LibC.IPPROTO_ICMPV6, ICMP_FILTER, EchoSocket.icmp6Filter(1, 3));
      } else {
        raw.setInt(SOL_RAW, ICMP_FILTER, ~((1 << 3) | (1 << 11)));
      }
    } catch (ErrnoException e) {
      raw.close();
      return null;
    }
    return new QuoteWatcher(raw, target, local, destinationPort);
  }

  /**
   * What the quotes read so far say, by probe number: probes sent from {@code sourcePort} whose quote is ours.
   * Statuses stay available for later calls.
   */
  Map<Integer, NatStatus> drain(int sourcePort) throws ErrnoException {
    NativeSocket.Received r;
    while ((r = raw.receive(false, false)) != null) {
      judge(r.data(), sourcePort);
    }
    return seen;
  }

  private void judge(byte[] p, int sourcePort) {
    boolean v6 = raw.isV6();
    // a raw ICMPv6 socket reads the message without its IPv6 header; a raw ICMP socket with its IPv4 header
    int outer = v6 ? 0 : IcmpPacket.ipv4PayloadOffset(p, p.length);
    if (outer < 0 || p.length < outer + 8 + (v6 ? 40 : 20) + 8) {
      return;
    }
    int inner = outer + 8;
    int innerLength;
    InetAddress quotedSource;
    InetAddress quotedDestination;
    if (v6) {
      if ((p[inner] & 0xf0) != 0x60 || (p[inner + 6] & 0xff) != LibC.IPPROTO_UDP) {
        return;
      }
      innerLength = 40;
      quotedSource = SocketAddresses.address(p, inner + 8, 16);
      quotedDestination = SocketAddresses.address(p, inner + 24, 16);
    } else {
      if ((p[inner] & 0xf0) != 0x40 || (p[inner + 9] & 0xff) != LibC.IPPROTO_UDP) {
        return;
      }
      innerLength = (p[inner] & 0x0f) * 4;
      if (innerLength < 20) {
        return;
      }
      quotedSource = SocketAddresses.address(p, inner + 12, 4);
      quotedDestination = SocketAddresses.address(p, inner + 16, 4);
    }
    int udp = inner + innerLength;
    if (p.length < udp + 8 || !quotedDestination.equals(target)
        || IcmpPacket.getShort(p, udp + 2) != destinationPort) {
      return;
    }
    int probe = ParisUdpTraceSocket.probeOf(Arrays.copyOfRange(p, udp + 8, p.length));
    if (probe < 0) {
      return;
    }
    boolean same = quotedSource.equals(local) && IcmpPacket.getShort(p, udp) == sourcePort;
    seen.put(probe, same ? NatStatus.NONE : NatStatus.SOURCE_REWRITTEN);
  }

  @Override
  public void close() {
    raw.close();
  }
}
