package io.netprobe.sockets.internal.icmp;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Optional;

/**
 * Linux {@code struct sock_extended_err} from an {@code IP_RECVERR}/{@code IPV6_RECVERR} control message: the errno,
 * where the error came from (an ICMP or ICMPv6 message, or the local stack), the ICMP type and code, and the address
 * of the node that sent it ({@code SO_EE_OFFENDER}, the sockaddr right after the 16-byte struct).
 *
 * <p>Immutable and thread-safe.
 *
 * @param errno the errno the error maps to (EHOSTUNREACH, ECONNREFUSED, …)
 * @param origin {@link #ORIGIN_LOCAL}, {@link #ORIGIN_ICMP}, {@link #ORIGIN_ICMP6} or another origin
 * @param type the ICMP type
 * @param code the ICMP code
 * @param info extra information (the MTU for "fragmentation needed")
 * @param data for transmit timestamps, the datagram's key ({@code SOF_TIMESTAMPING_OPT_ID})
 * @param offender who sent the ICMP error; empty for local errors
 */
record ExtendedError(int errno, int origin, int type, int code, int info, int data,
    Optional<InetAddress> offender) {
  static final int ORIGIN_LOCAL = 1;
  static final int ORIGIN_ICMP = 2;
  static final int ORIGIN_ICMP6 = 3;
  static final int ORIGIN_TIMESTAMPING = 4;
  static final int SIZE = 16;

  ExtendedError {
    Objects.requireNonNull(offender, "offender");
  }

  /** Parses the control message data {@code data[offset, offset + length)}; empty when it is too short. */
  static Optional<ExtendedError> parse(byte[] data, int offset, int length) {
    if (length < SIZE) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(data, offset, length).order(ByteOrder.nativeOrder());
    int errno = b.getInt(offset);
    int origin = data[offset + 4] & 0xff;
    int type = data[offset + 5] & 0xff;
    int code = data[offset + 6] & 0xff;
    int info = b.getInt(offset + 8);
    int key = b.getInt(offset + 12);
    Optional<InetAddress> offender = SocketAddresses.decode(data, offset + SIZE, length - SIZE)
        .map(a -> a.getAddress())
        .filter(a -> !a.isAnyLocalAddress());
    return Optional.of(new ExtendedError(errno, origin, type, code, info, key, offender));
  }

  boolean fromIcmp() {
    return origin == ORIGIN_ICMP || origin == ORIGIN_ICMP6;
  }
}
