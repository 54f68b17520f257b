package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.xbill.DNS.Message;

/**
 * Asks one server over UDP: a connected, non-blocking {@link DatagramChannel} (so only the server's datagrams
 * arrive, and ICMP port-unreachable surfaces), the same query retransmitted {@code tries} times at even intervals
 * inside the deadline, and every reply that is malformed or answers another question ignored while the wait goes
 * on — a late reply to an earlier transmission still counts. Stateless; thread-safe.
 */
final class UdpExchanger {
  private static final int MAX_DATAGRAM = 65535;

  private UdpExchanger() {}

  static Exchange exchange(InetSocketAddress server, WireQuery query, int tries, Deadline deadline) {
    long start = System.nanoTime();
    long interval = Math.max(1, deadline.remainingNanos() / tries);
    int sent = 0;
    long lastSend = start;
    String ignored = null;
    try (DatagramChannel channel = DatagramChannel.open(); Selector selector = Selector.open()) {
      channel.configureBlocking(false);
      channel.connect(server);
      channel.register(selector, SelectionKey.OP_READ);
      ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM);
      while (true) {
        long now = System.nanoTime();
        if (sent < tries && now - (start + sent * interval) >= 0 && !deadline.isExpired()) {
          channel.write(ByteBuffer.wrap(query.wire()));
          sent++;
          lastSend = now;
        }
        while (true) {
          in.clear();
          int n = channel.read(in);
          if (n <= 0) {
            break;
          }
          long arrived = System.nanoTime();
          byte[] bytes = Arrays.copyOf(in.array(), n);
          Message response;
          try {
            response = new Message(bytes);
          } catch (IOException malformed) {
            ignored = "a malformed reply of " + n + " bytes (" + Endpoints.reason(malformed) + ")";
            continue;
          }
          String mismatch = query.mismatch(response);
          if (mismatch != null) {
            ignored = "a reply with " + mismatch;
            continue;
          }
          return new Exchange.Answered(server, response, n, Duration.ofNanos(arrived - lastSend), DnsTransport.UDP,
              sent);
        }
        if (deadline.isExpired()) {
          return new Exchange.NoAnswer(server, silence(server, sent, ignored), sent);
        }
        long wakeAt = sent < tries ? Math.min(start + sent * interval, deadline.nanoTime()) : deadline.nanoTime();
        long waitNanos = wakeAt - System.nanoTime();
        if (waitNanos > 0) {
          selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
          selector.selectedKeys().clear();
        }
      }
    } catch (PortUnreachableException e) {
      return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.CONNECTION_REFUSED,
          "communications error to " + Endpoints.describe(server)
              + ": connection refused (ICMP port unreachable: no DNS server listens there)", e), Math.max(1, sent));
    } catch (IOException e) {
      return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.NETWORK_ERROR,
          "communications error to " + Endpoints.describe(server) + ": " + e.getMessage(), e), sent);
    }
  }

  /** TIMEOUT, or PROTOCOL_ERROR naming what was ignored when only unusable replies came. */
  static ProbeFailure silence(InetSocketAddress server, int sent, @Nullable String ignored) {
    if (ignored != null) {
      return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, Endpoints.describe(server) + " sent no valid answer to "
          + sent + " queries before the deadline; it sent " + ignored + ", which was ignored");
    }
    return ProbeFailure.of(FailureKind.TIMEOUT, "no answer from " + Endpoints.describe(server) + " to " + sent
        + (sent == 1 ? " query" : " queries") + " before the deadline");
  }
}
