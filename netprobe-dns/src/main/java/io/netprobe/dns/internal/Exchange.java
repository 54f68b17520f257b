package io.netprobe.dns.internal;

import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsTransport;
import java.net.InetSocketAddress;
import io.netprobe.http.TlsInfo;
import java.time.Duration;
import java.util.Optional;
import org.xbill.DNS.Message;

/** The outcome of asking one server: a response, or why none came. Immutable; thread-safe. */
sealed interface Exchange {

  /** How many queries went out (datagrams, TCP queries). */
  int sent();

  /** The server asked. */
  InetSocketAddress server();

  /**
   * A response that answers the query.
   *
   * @param reply the response, decoded from the wire or parsed by dnsjava
   * @param size its size on the wire
   * @param rtt from the (last) send to its arrival
   * @param transport how it came
   * @param tls the TLS facts, for DNS over TLS or HTTPS
   */
  record Answered(InetSocketAddress server, Reply reply, int size, Duration rtt, DnsTransport transport,
      int sent, Optional<TlsInfo> tls) implements Exchange {
    Answered(InetSocketAddress server, Message message, int size, Duration rtt, DnsTransport transport, int sent,
        Optional<TlsInfo> tls) {
      this(server, Reply.of(message), size, rtt, transport, sent, tls);
    }

    Answered(InetSocketAddress server, Message message, int size, Duration rtt, DnsTransport transport, int sent) {
      this(server, Reply.of(message), size, rtt, transport, sent, Optional.empty());
    }

    Answered(InetSocketAddress server, Reply reply, int size, Duration rtt, DnsTransport transport, int sent) {
      this(server, reply, size, rtt, transport, sent, Optional.empty());
    }

    /** The dnsjava message (parsed now if the response was decoded from the wire). */
    Message message() {
      return reply.message();
    }

    Answered withSent(int total) {
      return new Answered(server, reply, size, rtt, transport, total, tls);
    }
  }

  /** No usable response: timeout, refused, network error, or only malformed replies. */
  record NoAnswer(InetSocketAddress server, ProbeFailure failure, int sent) implements Exchange {
    NoAnswer withSent(int total) {
      return new NoAnswer(server, failure, total);
    }
  }
}
