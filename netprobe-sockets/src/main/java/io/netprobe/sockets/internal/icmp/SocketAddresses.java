package io.netprobe.sockets.internal.icmp;

import io.netprobe.sockets.internal.libc.LibC;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * Linux {@code sockaddr_in} (16 bytes) and {@code sockaddr_in6} (28 bytes) to and from Java addresses: family in
 * host order, port in network order, then the address. Pure functions; thread-safe.
 */
final class SocketAddresses {
  static final int SOCKADDR_IN_SIZE = 16;
  static final int SOCKADDR_IN6_SIZE = 28;

  private SocketAddresses() {}

  static byte[] encode(InetAddress address, int port) {
    boolean v6 = address instanceof Inet6Address;
    ByteBuffer b = ByteBuffer.allocate(v6 ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE).order(ByteOrder.nativeOrder());
    b.putShort((short) (v6 ? LibC.AF_INET6 : LibC.AF_INET));
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) port);
    if (v6) {
      b.putInt(0); // flowinfo
      b.put(address.getAddress());
      b.order(ByteOrder.nativeOrder()).putInt(((Inet6Address) address).getScopeId());
    } else {
      b.put(address.getAddress());
    }
    return b.array();
  }

  /** The address in {@code buffer[offset, offset + length)}, when it is an AF_INET or AF_INET6 address. */
  static Optional<InetSocketAddress> decode(byte[] buffer, int offset, int length) {
    if (length < 2) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(buffer, offset, length).order(ByteOrder.nativeOrder());
    int family = b.getShort() & 0xffff;
    int port = b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
    try {
      if (family == LibC.AF_INET && length >= 8) {
        return Optional.of(new InetSocketAddress(
            InetAddress.getByAddress(Arrays.copyOfRange(buffer, offset + 4, offset + 8)), port));
      }
      if (family == LibC.AF_INET6 && length >= 24) {
        byte[] raw = Arrays.copyOfRange(buffer, offset + 8, offset + 24);
        int scope = length >= 28 ? b.order(ByteOrder.nativeOrder()).getInt(offset + 24) : 0;
        InetAddress address = scope != 0 && isLinkLocal(raw) ? Inet6Address.getByAddress(null, raw, scope)
            : InetAddress.getByAddress(raw);
        return Optional.of(new InetSocketAddress(address, port));
      }
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
    return Optional.empty();
  }

  /** Address from raw bytes (4 or 16), never looked up. */
  static InetAddress address(byte[] buffer, int offset, int length) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(buffer, offset, offset + length));
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  /** Whether two addresses are the same host, ignoring IPv6 scope ids. */
  static boolean sameHost(InetAddress a, InetAddress b) {
    return Arrays.equals(a.getAddress(), b.getAddress());
  }

  static boolean isV6(InetAddress address) {
    return !(address instanceof Inet4Address);
  }

  private static boolean isLinkLocal(byte[] raw) {
    return (raw[0] & 0xff) == 0xfe && (raw[1] & 0xc0) == 0x80;
  }
}
