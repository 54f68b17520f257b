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
 * Parses {@code /proc/net/{tcp,tcp6,udp,udp6}} as a pure function over the file's bytes. Works on bytes without a
 * String or regex per line, and decodes addresses only for lines in the listening state: the files list every
 * socket (established, TIME-WAIT…), so most lines are skipped after reading two fields.
 *
 * <p>Line format ({@code tcp_ipv4.c get_tcp4_sock}): {@code sl: local:port remote:port st tx:rx tr:when retrnsmt uid
 * timeout inode …}. Addresses are 32-bit words printed as host-order hex, so {@code 0100007F} is 127.0.0.1 on a
 * little-endian host. Stateless; thread-safe.
 */
final class ProcNetParser {
  private ProcNetParser() {}

  /** Thrown for a line that does not have the expected fields. */
  static final class MalformedLineException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedLineException(String message) {
      super(message);
    }
  }

  /**
   * Appends the listening sockets in {@code text[0..length)} to {@code into}.
   *
   * @param hostOrder the byte order of the machine that wrote the file (the address words are in it)
   * @param port only this local port, or 0 for all
   * @throws MalformedLineException when a line cannot be parsed
   */
  static void parse(byte[] text, int length, TransportProtocol protocol, AddressFamily family, ByteOrder hostOrder,
      int port, List<RawSocket> into) throws MalformedLineException {
    int wantedState = SocketStates.listeningState(protocol);
    int addressChars = family == AddressFamily.IPV4 ? 8 : 32;
    int lineStart = nextLine(text, 0, length); // the header line
    while (lineStart < length) {
      int lineEnd = indexOf(text, (byte) '\n', lineStart, length);
      parseLine(text, lineStart, lineEnd, protocol, family, hostOrder, port, wantedState, addressChars, into);
      lineStart = lineEnd + 1;
    }
  }

  private static void parseLine(byte[] t, int start, int end, TransportProtocol protocol, AddressFamily family,
      ByteOrder hostOrder, int wantedPort, int wantedState, int addressChars, List<RawSocket> into)
      throws MalformedLineException {
    int colon = indexOf(t, (byte) ':', start, end);
    if (colon == end) {
      if (isBlank(t, start, end)) {
        return;
      }
      throw malformed(t, start, end, "no slot number");
    }
    int local = skipSpaces(t, colon + 1, end);
    int localPortAt = local + addressChars + 1;
    int remote = skipSpaces(t, localPortAt + 4, end);
    int stateAt = skipSpaces(t, remote + addressChars + 1 + 4, end);
    if (stateAt + 2 > end || t[local + addressChars] != ':') {
      throw malformed(t, start, end, "local address is not " + addressChars + " hex digits and a port");
    }
    if (hex(t, stateAt, 2) != wantedState) {
      return;
    }
    int port = (int) hex(t, localPortAt, 4);
    if (wantedPort != 0 && port != wantedPort) {
      return;
    }
    int queues = skipSpaces(t, stateAt + 2, end);
    if (queues + 17 > end || t[queues + 8] != ':') {
      throw malformed(t, start, end, "no tx_queue:rx_queue field");
    }
    long sendQueue = hex(t, queues, 8);
    long receiveQueue = hex(t, queues + 9, 8);
    int timer = skipSpaces(t, queues + 17, end);
    int retransmits = skipSpaces(t, skipField(t, timer, end), end);
    int uidAt = skipSpaces(t, skipField(t, retransmits, end), end);
    int uidEnd = skipField(t, uidAt, end);
    int timeoutAt = skipSpaces(t, uidEnd, end);
    int inodeAt = skipSpaces(t, skipField(t, timeoutAt, end), end);
    int inodeEnd = skipField(t, inodeAt, end);
    if (inodeAt >= end) {
      throw malformed(t, start, end, "fewer than 10 fields");
    }
    long uid = decimal(t, uidAt, uidEnd);
    long inode = decimal(t, inodeAt, inodeEnd);
    if (uid < 0 || inode < 0 || sendQueue < 0 || receiveQueue < 0) {
      throw malformed(t, start, end, "uid, inode or queues are not numbers");
    }
    InetAddress address = address(t, local, addressChars, hostOrder);
    if (address == null) {
      throw malformed(t, start, end, "the local address is not hex");
    }
    into.add(new RawSocket(protocol, family, address, port, 0, receiveQueue, sendQueue, OptionalLong.of(uid), inode,
        Optional.empty()));
  }

  private static InetAddress address(byte[] t, int at, int chars, ByteOrder hostOrder) {
    ByteBuffer bytes = ByteBuffer.allocate(chars / 2).order(hostOrder);
    for (int word = 0; word < chars / 8; word++) {
      long value = hex(t, at + word * 8, 8);
      if (value < 0) {
        return null;
      }
      bytes.putInt((int) value);
    }
    try {
      return InetAddress.getByAddress(bytes.array());
    } catch (UnknownHostException impossible) {
      return null;
    }
  }

  /** The value of {@code digits} hex digits at {@code at}, or -1 when one is not a hex digit. */
  private static long hex(byte[] t, int at, int digits) {
    if (at < 0 || at + digits > t.length) {
      return -1;
    }
    long value = 0;
    for (int i = at; i < at + digits; i++) {
      int d = Character.digit(t[i], 16);
      if (d < 0) {
        return -1;
      }
      value = value << 4 | d;
    }
    return value;
  }

  private static long decimal(byte[] t, int from, int to) {
    if (from >= to || to - from > 19) {
      return -1;
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      if (t[i] < '0' || t[i] > '9') {
        return -1;
      }
      value = value * 10 + (t[i] - '0');
    }
    return value;
  }

  private static int skipSpaces(byte[] t, int at, int end) {
    while (at < end && t[at] == ' ') {
      at++;
    }
    return at;
  }

  private static int skipField(byte[] t, int at, int end) {
    while (at < end && t[at] != ' ') {
      at++;
    }
    return at;
  }

  private static int indexOf(byte[] t, byte b, int from, int end) {
    for (int i = from; i < end; i++) {
      if (t[i] == b) {
        return i;
      }
    }
    return end;
  }

  private static int nextLine(byte[] t, int from, int end) {
    int nl = indexOf(t, (byte) '\n', from, end);
    return nl == end ? end : nl + 1;
  }

  private static boolean isBlank(byte[] t, int start, int end) {
    return skipSpaces(t, start, end) == end;
  }

  private static MalformedLineException malformed(byte[] t, int start, int end, String why) {
    return new MalformedLineException("unexpected /proc/net line (" + why + "): "
        + new String(t, start, Math.min(end - start, 160), java.nio.charset.StandardCharsets.US_ASCII).trim());
  }
}
