package io.netprobe.sockets.internal.icmp;

import io.netprobe.sockets.internal.libc.LibC;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * An ICMP or ICMPv6 message as read from a socket: type, code, the echo identifier and sequence (for echo messages),
 * and for error messages the start of the datagram that caused it ({@link Quoted}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param type the ICMP type
 * @param code the ICMP code
 * @param identifier the echo identifier (bytes 4–5), meaningful for echo messages
 * @param sequence the echo sequence (bytes 6–7), meaningful for echo messages
 * @param length the ICMP message length in bytes
 * @param quoted for error messages, what they quote of the offending datagram
 */
record IcmpPacket(int type, int code, int identifier, int sequence, int length, Optional<Quoted> quoted) {
  static final int HEADER = 8;
  static final int ECHO_REPLY_V4 = 0;
  static final int ECHO_REQUEST_V4 = 8;
  static final int ECHO_REQUEST_V6 = 128;
  static final int ECHO_REPLY_V6 = 129;

  IcmpPacket {
    Objects.requireNonNull(quoted, "quoted");
  }

  /**
   * The start of the datagram an ICMP error quotes.
   *
   * @param protocol the quoted datagram's protocol (1 ICMP, 58 ICMPv6, 17 UDP)
   * @param destination where it was going
   * @param identifier for a quoted echo request its identifier; for UDP the source port
   * @param sequence for a quoted echo request its sequence; for UDP the destination port
   */
  record Quoted(int protocol, InetAddress destination, int identifier, int sequence) {}

  /**
   * An echo request: type 8 (ICMPv6: 128), code 0, checksum (IPv4 only: for ICMPv6 the kernel computes it over the
   * pseudo header), identifier, sequence, then {@code payloadSize} bytes counting up like ping's pad.
   */
  static byte[] echoRequest(boolean v6, int identifier, int sequence, int payloadSize) {
    byte[] b = new byte[HEADER + payloadSize];
    b[0] = (byte) (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4);
    putShort(b, 4, identifier);
    putShort(b, 6, sequence);
    for (int i = 0; i < payloadSize; i++) {
      b[HEADER + i] = (byte) i;
    }
    if (!v6) {
      putShort(b, 2, checksum(b, 0, b.length));
    }
    return b;
  }

  /** Rewrites the sequence of an encoded echo request (and its IPv4 checksum) in place. */
  static void setSequence(byte[] echo, boolean v6, int sequence) {
    putShort(echo, 6, sequence);
    if (!v6) {
      putShort(echo, 2, 0);
      putShort(echo, 2, checksum(echo, 0, echo.length));
    }
  }

  /** The Internet checksum (RFC 1071) of {@code data[offset, offset + length)}. */
  static int checksum(byte[] data, int offset, int length) {
    long sum = 0;
    int i = offset;
    int end = offset + length;
    for (; i + 1 < end; i += 2) {
      sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
    }
    if (i < end) {
      sum += (data[i] & 0xff) << 8;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }

  /** Parses an ICMP message starting at {@code offset}; empty when shorter than a header. */
  static Optional<IcmpPacket> parse(boolean v6, byte[] data, int offset, int length) {
    if (length < HEADER) {
      return Optional.empty();
    }
    int type = data[offset] & 0xff;
    int code = data[offset + 1] & 0xff;
    int identifier = getShort(data, offset + 4);
    int sequence = getShort(data, offset + 6);
    Optional<Quoted> quoted = isError(v6, type)
        ? parseQuoted(v6, data, offset + HEADER, length - HEADER) : Optional.empty();
    return Optional.of(new IcmpPacket(type, code, identifier, sequence, length, quoted));
  }

  /** Whether {@code type} is an error message that quotes the offending datagram. */
  static boolean isError(boolean v6, int type) {
    return v6 ? type >= 1 && type <= 4 : type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
  }

  /**
   * The offset of the ICMP message in a datagram read from a raw IPv4 socket, which includes the IP header (IHL × 4
   * bytes); -1 when the buffer is not an IPv4 datagram.
   */
  static int ipv4PayloadOffset(byte[] datagram, int length) {
    if (length < 20 || (datagram[0] & 0xf0) != 0x40) {
      return -1;
    }
    int headerLength = (datagram[0] & 0x0f) * 4;
    return headerLength >= 20 && headerLength <= length ? headerLength : -1;
  }

  /** The TTL field of a raw IPv4 datagram. */
  static int ipv4Ttl(byte[] datagram) {
    return datagram[8] & 0xff;
  }

  /** The source address of a raw IPv4 datagram. */
  static InetAddress ipv4Source(byte[] datagram) {
    return SocketAddresses.address(datagram, 12, 4);
  }

  private static Optional<Quoted> parseQuoted(boolean v6, byte[] data, int offset, int length) {
    int headerLength;
    int protocol;
    InetAddress destination;
    if (v6) {
      if (length < 40 + 8 || (data[offset] & 0xf0) != 0x60) {
        return Optional.empty();
      }
      headerLength = 40;
      protocol = data[offset + 6] & 0xff;
      destination = SocketAddresses.address(data, offset + 24, 16);
    } else {
      if (length < 20 || (data[offset] & 0xf0) != 0x40) {
        return Optional.empty();
      }
      headerLength = (data[offset] & 0x0f) * 4;
      if (headerLength < 20 || length < headerLength + 8) {
        return Optional.empty();
      }
      protocol = data[offset + 9] & 0xff;
      destination = SocketAddresses.address(data, offset + 16, 4);
    }
    int inner = offset + headerLength;
    boolean udp = protocol == LibC.IPPROTO_UDP;
    int identifier = udp ? getShort(data, inner) : getShort(data, inner + 4);
    int sequence = udp ? getShort(data, inner + 2) : getShort(data, inner + 6);
    return Optional.of(new Quoted(protocol, destination, identifier, sequence));
  }

  static int getShort(byte[] b, int offset) {
    return ((b[offset] & 0xff) << 8) | (b[offset + 1] & 0xff);
  }

  private static void putShort(byte[] b, int offset, int value) {
    b[offset] = (byte) (value >>> 8);
    b[offset + 1] = (byte) value;
  }
}
