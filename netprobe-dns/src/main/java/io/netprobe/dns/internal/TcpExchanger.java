package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsTransport;
import io.netprobe.internal.ConnectFailures;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.xbill.DNS.Message;

/**
 * Asks one server over TCP (RFC 7766 framing: a two-byte length before each message) on a fresh non-blocking
 * connection that is closed afterwards. Messages that answer another question are skipped. The round-trip time is
 * measured from the moment the query is sent, after the handshake, as dig does. Stateless; thread-safe.
 */
final class TcpExchanger {
  private TcpExchanger() {}

  static Exchange exchange(InetSocketAddress server, WireQuery query, Deadline deadline) {
    String ignored = null;
    boolean querySent = false;
    try (SocketChannel channel = SocketChannel.open(); Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
      boolean connected = channel.connect(server);
      while (!connected) {
        if (!await(selector, deadline)) {
          return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.TIMEOUT, "could not connect to "
              + Endpoints.describe(server) + " over TCP before the deadline"), 0);
        }
        connected = channel.finishConnect();
      }
      ByteBuffer out = ByteBuffer.allocate(2 + query.size());
      out.putShort((short) query.size()).put(query.wire()).flip();
      long sentAt = System.nanoTime();
      querySent = true;
      key.interestOps(SelectionKey.OP_WRITE);
      while (out.hasRemaining()) {
        channel.write(out);
        if (out.hasRemaining() && !await(selector, deadline)) {
          return timeout(server, null);
        }
      }
      key.interestOps(SelectionKey.OP_READ);
      while (true) {
        ByteBuffer length = ByteBuffer.allocate(2);
        if (!fill(channel, selector, length, deadline)) {
          return timeout(server, ignored);
        }
        int size = length.flip().getShort() & 0xffff;
        ByteBuffer body = ByteBuffer.allocate(size);
        if (!fill(channel, selector, body, deadline)) {
          return timeout(server, ignored);
        }
        long arrived = System.nanoTime();
        Message response;
        try {
          response = new Message(body.array());
        } catch (IOException malformed) {
          return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, Endpoints.describe(server)
              + " sent a malformed message of " + size + " bytes over TCP (" + Endpoints.reason(malformed) + ")",
              malformed), 1);
        }
        String mismatch = query.mismatch(response);
        if (mismatch != null) {
          ignored = "a reply with " + mismatch;
          continue;
        }
        return new Exchange.Answered(server, response, size, Duration.ofNanos(arrived - sentAt), DnsTransport.TCP, 1);
      }
    } catch (EOFException e) {
      return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.CONNECTION_RESET, Endpoints.describe(server)
          + " closed the TCP connection before answering", e), 1);
    } catch (IOException e) {
      FailureKind kind = ConnectFailures.kind(e);
      String what = kind == FailureKind.CONNECTION_REFUSED ? ": connection refused over TCP"
          : " over TCP: " + e.getMessage();
      return new Exchange.NoAnswer(server, ProbeFailure.of(kind, "communications error to "
          + Endpoints.describe(server) + what, e), querySent ? 1 : 0);
    }
  }

  private static Exchange timeout(InetSocketAddress server, @Nullable String ignored) {
    return new Exchange.NoAnswer(server, UdpExchanger.silence(server, 1, ignored), 1);
  }

  /** Reads until {@code buffer} is full; false when the deadline passes first. */
  private static boolean fill(SocketChannel channel, Selector selector, ByteBuffer buffer, Deadline deadline)
      throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer);
      if (n < 0) {
        throw new EOFException("connection closed");
      }
      if (n == 0 && !await(selector, deadline)) {
        return false;
      }
    }
    return true;
  }

  /** Waits for the registered interest or the deadline; false when the deadline had already passed. */
  private static boolean await(Selector selector, Deadline deadline) throws IOException {
    long nanos = deadline.remainingNanos();
    if (nanos <= 0) {
      return false;
    }
    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)));
    selector.selectedKeys().clear();
    return true;
  }
}
