package io.netprobe.sockets.internal.table;

import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.TransportProtocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * NETLINK_SOCK_DIAG messages as pure functions: the {@code SOCK_DIAG_BY_FAMILY} dump request and the parser of the
 * {@code inet_diag_msg} replies ({@code include/uapi/linux/inet_diag.h}). Byte order is the host's except ports and
 * addresses, which are big-endian. Stateless; thread-safe.
 */
final class SockDiag {
  static final int NETLINK_SOCK_DIAG = 4;
  static final int SOCK_DIAG_BY_FAMILY = 20;
  static final int NLMSG_ERROR = 2;
  static final int NLMSG_DONE = 3;
  static final int NLM_F_REQUEST = 0x1;
  static final int NLM_F_DUMP = 0x300;
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int IPPROTO_TCP = 6;
  static final int IPPROTO_UDP = 17;
  static final int INET_DIAG_SKV6ONLY = 11;

  static final int NLMSG_HEADER = 16;
  static final int REQUEST_LENGTH = NLMSG_HEADER + 56;
  private static final int DIAG_MSG_LENGTH = 72;
  private static final int NLA_TYPE_MASK = 0x3FFF;

  private SockDiag() {}

  /** The socket family number ({@code AF_INET}/{@code AF_INET6}) of {@code family}. */
  static int afOf(AddressFamily family) {
    return family == AddressFamily.IPV4 ? AF_INET : AF_INET6;
  }

  /** The IP protocol number of {@code protocol}. */
  static int ipProtocolOf(TransportProtocol protocol) {
    return protocol == TransportProtocol.TCP ? IPPROTO_TCP : IPPROTO_UDP;
  }

  /**
   * The 72-byte dump request for the listening sockets of one family and protocol: the state mask holds only
   * LISTEN for TCP (so the kernel never walks the established hash) and only CLOSE (unconnected) for UDP. A
   * non-zero {@code port} makes the kernel return only sockets bound to that local port.
   */
  static ByteBuffer dumpRequest(AddressFamily family, TransportProtocol protocol, int port, int sequence) {
    ByteBuffer b = ByteBuffer.allocate(REQUEST_LENGTH).order(ByteOrder.nativeOrder());
    b.putInt(REQUEST_LENGTH);
    b.putShort((short) SOCK_DIAG_BY_FAMILY);
    b.putShort((short) (NLM_F_REQUEST | NLM_F_DUMP));
    b.putInt(sequence);
    b.putInt(0);
    b.put((byte) afOf(family));
    b.put((byte) ipProtocolOf(protocol));
    b.put((byte) 0); // idiag_ext: no extensions needed
    b.put((byte) 0);
    b.putInt(1 << SocketStates.listeningState(protocol));
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) port).putShort((short) 0).order(ByteOrder.nativeOrder());
    b.position(b.position() + 32); // source and destination addresses: any
    b.putInt(0); // interface: any
    b.putInt(-1).putInt(-1); // INET_DIAG_NOCOOKIE
    b.flip();
    return b;
  }

  /**
   * Parses one datagram of a dump reply, appending every socket of {@code protocol} in its listening state to
   * {@code into}.
   *
   * @return true when the datagram ends the dump ({@code NLMSG_DONE})
   * @throws SockDiagException when the kernel answered with an error, or the datagram is malformed
   */
  static boolean parse(ByteBuffer datagram, TransportProtocol protocol, List<RawSocket> into)
      throws SockDiagException {
    ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
    int end = b.limit();
    int at = b.position();
    int wantedState = SocketStates.listeningState(protocol);
    while (at + NLMSG_HEADER <= end) {
      int length = b.getInt(at);
      int type = Short.toUnsignedInt(b.getShort(at + 4));
      if (length < NLMSG_HEADER || at + length > end) {
        throw new SockDiagException("malformed netlink message: length " + length + " at offset " + at
            + " of a " + end + "-byte datagram", 0);
      }
      if (type == NLMSG_DONE) {
        int status = length >= NLMSG_HEADER + 4 ? b.getInt(at + NLMSG_HEADER) : 0;
        if (status < 0) {
          throw new SockDiagException("the sock_diag dump ended with errno " + -status, -status);
        }
        return true;
      }
      if (type == NLMSG_ERROR) {
        int error = length >= NLMSG_HEADER + 4 ? b.getInt(at + NLMSG_HEADER) : 0;
        if (error != 0) {
          throw new SockDiagException("the kernel refused the sock_diag request: errno " + -error, -error);
        }
      } else if (type == SOCK_DIAG_BY_FAMILY) {
        RawSocket socket = parseDiagMessage(b, at + NLMSG_HEADER, at + length, protocol, wantedState);
        if (socket != null) {
          into.add(socket);
        }
      }
      at += align(length);
    }
    if (at != end) {
      throw new SockDiagException("truncated netlink message at offset " + at + " of a " + end + "-byte datagram", 0);
    }
    return false;
  }

  private static RawSocket parseDiagMessage(ByteBuffer b, int at, int end, TransportProtocol protocol,
      int wantedState) throws SockDiagException {
    if (end - at < DIAG_MSG_LENGTH) {
      throw new SockDiagException("inet_diag_msg of " + (end - at) + " bytes, expected at least " + DIAG_MSG_LENGTH,
          0);
    }
    int family = Byte.toUnsignedInt(b.get(at));
    int state = Byte.toUnsignedInt(b.get(at + 1));
    if (state != wantedState || (family != AF_INET && family != AF_INET6)) {
      return null;
    }
    int port = Short.toUnsignedInt(b.order(ByteOrder.BIG_ENDIAN).getShort(at + 4));
    b.order(ByteOrder.nativeOrder());
    byte[] raw = new byte[family == AF_INET ? 4 : 16];
    b.get(at + 8, raw);
    InetAddress address;
    try {
      address = InetAddress.getByAddress(raw);
    } catch (UnknownHostException impossible) {
      throw new SockDiagException("bad address length " + raw.length, 0);
    }
    int interfaceIndex = b.getInt(at + 40);
    long receiveQueue = Integer.toUnsignedLong(b.getInt(at + 56));
    long sendQueue = Integer.toUnsignedLong(b.getInt(at + 60));
    long uid = Integer.toUnsignedLong(b.getInt(at + 64));
    long inode = Integer.toUnsignedLong(b.getInt(at + 68));
    Optional<Boolean> v6Only = Optional.empty();
    int attr = at + DIAG_MSG_LENGTH;
    while (attr + 4 <= end) {
      int attrLength = Short.toUnsignedInt(b.getShort(attr));
      int attrType = Short.toUnsignedInt(b.getShort(attr + 2)) & NLA_TYPE_MASK;
      if (attrLength < 4 || attr + attrLength > end) {
        throw new SockDiagException("malformed attribute of length " + attrLength, 0);
      }
      if (attrType == INET_DIAG_SKV6ONLY && attrLength >= 5 && family == AF_INET6) {
        v6Only = Optional.of(b.get(attr + 4) != 0);
      }
      attr += align(attrLength);
    }
    return new RawSocket(protocol, family == AF_INET ? AddressFamily.IPV4 : AddressFamily.IPV6, address, port,
        interfaceIndex, receiveQueue, sendQueue, OptionalLong.of(uid), inode, v6Only);
  }

  private static int align(int length) {
    return (length + 3) & ~3;
  }
}
