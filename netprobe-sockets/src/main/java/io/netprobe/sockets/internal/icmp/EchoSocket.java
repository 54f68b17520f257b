package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.IcmpExtensions;
import io.netprobe.icmp.PingMethod;
import io.netprobe.sockets.internal.libc.LibC;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A socket that sends ICMP echo requests and turns what comes back — echo replies and ICMP errors, from the normal
 * queue, the error queue, or quoted in raw packets — into {@link Event}s. A datagram ICMP socket when allowed (the
 * kernel owns the identifier and filters replies), else a raw socket (own random identifier, ICMP type filter, IP
 * header stripped). Owned by one probe thread; not thread-safe.
 */
final class EchoSocket implements AutoCloseable {
  private static final int SOL_RAW = 255;
  private static final int ICMP_FILTER = 1;
  private static final int ICMP6_FILTER = 1;
  /** Large enough that a 10,000-target sweep loses nothing (the default 212,992 B loses 5–28%). */
  static final int RECEIVE_BUFFER = 8 * 1024 * 1024;

  private final NativeSocket socket;
  private final PingMethod method;
  private final boolean v6;
  private final int identifier;
  private final boolean errorQueueInUse;

  /** Something that came back for an echo request. */
  sealed interface Event permits Reply, Error, Sent {}

  /** An echo reply. */
  record Reply(int sequence, InetAddress source, int ttl, int size, long kernelEpochNanos, long userNanoTime)
      implements Event {}

  /**
   * An ICMP error about one of our echo requests ({@code type} -1 for a local error, {@code code} then the errno;
   * {@code mtu} the MTU a "fragmentation needed" / "packet too big" or a local "message too long" gives, else -1;
   * {@code extensions} the RFC 4884 extensions it carried).
   */
  record Error(int sequence, Optional<InetAddress> target, InetAddress source, int type, int code,
      long kernelEpochNanos, long userNanoTime, int mtu, Optional<IcmpExtensions> extensions) implements Event {
    Error(int sequence, Optional<InetAddress> target, InetAddress source, int type, int code, long kernelEpochNanos,
        long userNanoTime) {
      this(sequence, target, source, type, code, kernelEpochNanos, userNanoTime, -1);
    }

    Error(int sequence, Optional<InetAddress> target, InetAddress source, int type, int code, long kernelEpochNanos,
        long userNanoTime, int mtu) {
      this(sequence, target, source, type, code, kernelEpochNanos, userNanoTime, mtu, Optional.empty());
    }
  }

  /** When the kernel sent the {@code key}-th datagram of this socket (0-based), from a transmit timestamp. */
  record Sent(int key, long kernelEpochNanos) implements Event {}

  private EchoSocket(NativeSocket socket, PingMethod method, boolean v6, int identifier, boolean errorQueueInUse) {
    this.socket = socket;
    this.method = method;
    this.v6 = v6;
    this.identifier = identifier;
    this.errorQueueInUse = errorQueueInUse;
  }

  /**
   * Opens an echo socket for one address family.
   *
   * @param ttl the TTL / hop limit for every packet, or -1 for the system default
   * @param transmitTimestamps whether to ask for kernel transmit timestamps (one more error-queue read per packet:
   *     worth it for a ping's RTTs, not for a sweep's throughput)
   * @throws IcmpDeniedException when no ICMP socket is allowed
   * @throws ErrnoException when configuring the socket failed
   */
  static EchoSocket open(boolean v6, SocketPolicy policy, int ttl, boolean transmitTimestamps)
      throws IcmpDeniedException, ErrnoException {
    return open(v6, policy, ttl, new EchoKey(transmitTimestamps, false, Optional.empty(), Optional.empty()));
  }

  /**
   * Opens an echo socket for one family configured as {@code key} says.
   *
   * @throws IcmpDeniedException when no ICMP socket is allowed
   * @throws ErrnoException when configuring the socket failed (a source address the machine does not own,
   *     an unknown interface)
   */
  static EchoSocket open(boolean v6, SocketPolicy policy, int ttl, EchoKey key)
      throws IcmpDeniedException, ErrnoException {
    int protocol = v6 ? LibC.IPPROTO_ICMPV6 : LibC.IPPROTO_ICMP;
    int datagramErrno = LibC.EACCES;
    if (policy != SocketPolicy.RAW_ONLY) {
      NativeSocket s = null;
      try {
        s = NativeSocket.open(v6, LibC.SOCK_DGRAM, protocol);
      } catch (ErrnoException e) {
        datagramErrno = e.errno();
      }
      if (s != null) {
        return configure(s, PingMethod.DATAGRAM_ICMP, v6, ttl, key);
      }
    }
    int rawErrno = LibC.EPERM;
    if (policy != SocketPolicy.DATAGRAM_ONLY) {
      NativeSocket s = null;
      try {
        s = NativeSocket.open(v6, LibC.SOCK_RAW, protocol);
      } catch (ErrnoException e) {
        rawErrno = e.errno();
      }
      if (s != null) {
        return configure(s, PingMethod.RAW_ICMP, v6, ttl, key);
      }
    }
    throw new IcmpDeniedException(v6, datagramErrno, rawErrno);
  }

  private static EchoSocket configure(NativeSocket s, PingMethod method, boolean v6, int ttl, EchoKey key)
      throws ErrnoException {
    boolean transmitTimestamps = key.transmitTimestamps();
    try {
      if (key.dontFragment()) {
        s.dontFragment();
      }
      key.leaveFrom(s);
      setReceiveBuffer(s, RECEIVE_BUFFER);
      s.setInt(LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, 1);
      if (transmitTimestamps) {
        requestTransmitTimestamps(s);
      }
      if (v6) {
        s.setInt(LibC.SOL_IPV6, LibC.IPV6_RECVHOPLIMIT, 1);
      }
      if (ttl >= 0) {
        s.setInt(v6 ? LibC.SOL_IPV6 : LibC.SOL_IP, v6 ? LibC.IPV6_UNICAST_HOPS : LibC.IP_TTL, ttl);
      }
      int identifier = 0;
      if (method == PingMethod.DATAGRAM_ICMP) {
        s.setInt(v6 ? LibC.SOL_IPV6 : LibC.SOL_IP, v6 ? LibC.IPV6_RECVERR : LibC.IP_RECVERR, 1);
        if (!v6) {
          s.setInt(LibC.SOL_IP, LibC.IP_RECVTTL, 1);
        }
      } else {
        identifier = ThreadLocalRandom.current().nextInt(1, 0x10000);
        if (v6) {
          s.setBytes(LibC.IPPROTO_ICMPV6, ICMP6_FILTER, icmp6Filter(IcmpPacket.ECHO_REPLY_V6, 1, 2, 3, 4));
        } else {
          s.setInt(SOL_RAW, ICMP_FILTER, ~((1 << IcmpPacket.ECHO_REPLY_V4) | (1 << 3) | (1 << 4) | (1 << 5)
              | (1 << 11) | (1 << 12)));
        }
      }
      boolean errorQueue = method == PingMethod.DATAGRAM_ICMP || transmitTimestamps;
      return new EchoSocket(s, method, v6, identifier, errorQueue);
    } catch (ErrnoException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Asks for software transmit timestamps on the error queue, keyed by datagram number, so that RTTs run from
   * kernel send to kernel receive. Optional: without them the send time is read just before {@code sendmsg}.
   */
  private static void requestTransmitTimestamps(NativeSocket s) {
    try {
      s.setInt(LibC.SOL_SOCKET, LibC.SO_TIMESTAMPING, LibC.SOF_TIMESTAMPING_TX_SOFTWARE
          | LibC.SOF_TIMESTAMPING_SOFTWARE | LibC.SOF_TIMESTAMPING_OPT_ID | LibC.SOF_TIMESTAMPING_OPT_TSONLY);
    } catch (ErrnoException unsupported) {
      // older kernels: receive timestamps only
    }
  }

  /** Asks for {@code bytes}; beyond net.core.rmem_max only with CAP_NET_ADMIN (SO_RCVBUFFORCE). */
  static void setReceiveBuffer(NativeSocket s, int bytes) throws ErrnoException {
    try {
      s.setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, bytes);
    } catch (ErrnoException notAdmin) {
      s.setInt(LibC.SOL_SOCKET, LibC.SO_RCVBUF, bytes);
    }
  }

  /** An ICMPv6 type filter that passes only {@code allowed} (a set bit blocks a type). */
  static byte[] icmp6Filter(int... allowed) {
    int[] words = new int[8];
    java.util.Arrays.fill(words, -1);
    for (int type : allowed) {
      words[type >> 5] &= ~(1 << (type & 31));
    }
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32).order(java.nio.ByteOrder.nativeOrder());
    for (int w : words) {
      b.putInt(w);
    }
    return b.array();
  }

  PingMethod method() {
    return method;
  }

  boolean isV6() {
    return v6;
  }

  NativeSocket nativeSocket() {
    return socket;
  }

  /** A new echo request with this socket's identifier. */
  byte[] newEcho(int payloadSize) {
    return IcmpPacket.echoRequest(v6, identifier, 0, payloadSize);
  }

  /**
   * Sends {@code echo} (from {@link #newEcho}) with {@code sequence}, retrying once when the first attempt only
   * reported an earlier ICMP error.
   *
   * @return 0 when sent, else the errno
   */
  int send(InetAddress target, byte[] echo, int sequence, int ttl) {
    IcmpPacket.setSequence(echo, v6, sequence);
    return socket.sendPastPendingError(target, 0, echo, ttl);
  }

  /**
   * Reads everything queued without blocking: the error queue first (when this socket uses it), so that a packet's
   * transmit timestamp comes before its reply.
   */
  List<Event> drain() throws ErrnoException {
    List<Event> events = new ArrayList<>();
    NativeSocket.Received r;
    while (errorQueueInUse && (r = socket.receive(true)) != null) {
      decodeQueuedError(r).ifPresent(events::add);
    }
    boolean addressFromIpHeader = method == PingMethod.RAW_ICMP && !v6;
    while ((r = socket.receive(false, !addressFromIpHeader)) != null) {
      decode(r).ifPresent(events::add);
    }
    return events;
  }

  private Optional<Event> decode(NativeSocket.Received r) {
    byte[] data = r.data();
    int offset = 0;
    int ttl = r.ancillary().ttl();
    Optional<InetAddress> source = r.from().map(a -> a.getAddress());
    if (method == PingMethod.RAW_ICMP && !v6) {
      offset = IcmpPacket.ipv4PayloadOffset(data, data.length);
      if (offset < 0) {
        return Optional.empty();
      }
      ttl = IcmpPacket.ipv4Ttl(data);
      source = Optional.of(IcmpPacket.ipv4Source(data));
    }
    Optional<IcmpPacket> parsed = IcmpPacket.parse(v6, data, offset, data.length - offset);
    if (parsed.isEmpty() || source.isEmpty()) {
      return Optional.empty();
    }
    IcmpPacket p = parsed.get();
    boolean raw = method == PingMethod.RAW_ICMP;
    if (p.type() == (v6 ? IcmpPacket.ECHO_REPLY_V6 : IcmpPacket.ECHO_REPLY_V4) && p.code() == 0) {
      if (raw && p.identifier() != identifier) {
        return Optional.empty();
      }
      return Optional.of(new Reply(p.sequence(), source.get(), ttl, p.length(), r.ancillary().kernelEpochNanos(),
          r.userNanoTime()));
    }
    if (raw && p.quoted().isPresent()) {
      IcmpPacket.Quoted q = p.quoted().get();
      if (q.protocol() == (v6 ? LibC.IPPROTO_ICMPV6 : LibC.IPPROTO_ICMP) && q.identifier() == identifier) {
        return Optional.of(new Error(q.sequence(), Optional.of(q.destination()), source.get(), p.type(), p.code(),
            r.ancillary().kernelEpochNanos(), r.userNanoTime(), nextHopMtu(p),
            RawIcmpExtensions.find(data, offset, data.length - offset, v6)));
      }
    }
    return Optional.empty();
  }

  private Optional<Event> decodeQueuedError(NativeSocket.Received r) {
    Optional<ExtendedError> error = r.ancillary().error();
    if (error.isEmpty()) {
      return Optional.empty();
    }
    ExtendedError e = error.get();
    if (e.origin() == ExtendedError.ORIGIN_TIMESTAMPING) {
      long sent = r.ancillary().timestampingEpochNanos();
      return sent > 0 ? Optional.of(new Sent(e.data(), sent)) : Optional.empty();
    }
    if (method != PingMethod.DATAGRAM_ICMP) {
      return Optional.empty();
    }
    if (r.data().length < IcmpPacket.HEADER) {
      return Optional.empty();
    }
    int sequence = IcmpPacket.getShort(r.data(), 6);
    Optional<InetAddress> target = r.from().map(a -> a.getAddress());
    if (e.fromIcmp()) {
      return Optional.of(new Error(sequence, target, e.offender().or(() -> target).orElseThrow(), e.type(),
          e.code(), r.ancillary().kernelEpochNanos(), r.userNanoTime(),
          e.errno() == LibC.EMSGSIZE && e.info() > 0 ? e.info() : -1,
          ErrorQueueExtensions.find(r.data(), e, v6 ? 40 : 20)));
    }
    return target.map(t -> new Error(sequence, Optional.of(t), t, -1, e.errno(), -1, r.userNanoTime(),
        e.errno() == LibC.EMSGSIZE && e.info() > 0 ? e.info() : -1));
  }

  /** The next-hop MTU of an IPv4 "fragmentation needed" (bytes 6–7) or an ICMPv6 "packet too big" (bytes 4–7). */
  private int nextHopMtu(IcmpPacket p) {
    if (!v6 && p.type() == 3 && p.code() == 4) {
      return p.sequence() > 0 ? p.sequence() : -1;
    }
    if (v6 && p.type() == 2) {
      return (p.identifier() << 16) | p.sequence();
    }
    return -1;
  }

  @Override
  public void close() {
    socket.close();
  }
}
