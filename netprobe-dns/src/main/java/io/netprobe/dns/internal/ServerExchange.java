package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsSpec;
import java.net.InetSocketAddress;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Rcode;

/**
 * Asks one server the way dig does: UDP with retransmissions, then TCP when the answer is truncated (or TCP from the
 * start when forced), and once more without EDNS when the server answers FORMERR without an OPT record (an old
 * server that does not understand EDNS). Stateless; thread-safe.
 */
final class ServerExchange {
  private ServerExchange() {}

  static Exchange ask(DnsSpec query, InetSocketAddress server, int id, Deadline deadline) {
    WireQuery wire = WireQuery.of(query, id, true);
    Exchange first = once(server, wire, query.forceTcp(), query.tries(), deadline);
    if (first instanceof Exchange.Answered a && wire.edns() && a.message().getRcode() == Rcode.FORMERR
        && a.message().getOPT() == null && !deadline.isExpired()) {
      Exchange again = once(server, WireQuery.of(query, id, false), query.forceTcp(), query.tries(), deadline);
      return withSent(again, a.sent() + again.sent());
    }
    return first;
  }

  /** One exchange: TCP when forced, else UDP with {@code tries} transmissions and TCP when truncated. */
  static Exchange once(InetSocketAddress server, WireQuery wire, boolean forceTcp, int tries, Deadline deadline) {
    if (forceTcp) {
      return TcpExchanger.exchange(server, wire, deadline);
    }
    Exchange udp = UdpExchanger.exchange(server, wire, tries, deadline);
    if (udp instanceof Exchange.Answered a && a.message().getHeader().getFlag(Flags.TC)) {
      Exchange tcp = TcpExchanger.exchange(server, wire, deadline);
      if (tcp instanceof Exchange.NoAnswer n) {
        return new Exchange.NoAnswer(server, ProbeFailure.of(n.failure().kind(), "the UDP answer from "
            + Endpoints.describe(server) + " was truncated and the TCP retry failed: " + n.failure().message(),
            n.failure().cause().orElse(null)), a.sent() + n.sent());
      }
      if (tcp instanceof Exchange.Answered t && t.message().getHeader().getFlag(Flags.TC)) {
        // TCP has no size limit: a truncated answer there is a broken server, not an answer without data
        return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, "the answer from "
            + Endpoints.describe(server) + " was truncated over UDP and again over TCP (TC set on a TCP answer)"),
            a.sent() + t.sent());
      }
      return withSent(tcp, a.sent() + tcp.sent());
    }
    return udp;
  }

  private static Exchange withSent(Exchange e, int sent) {
    return e instanceof Exchange.Answered a ? a.withSent(sent) : ((Exchange.NoAnswer) e).withSent(sent);
  }

  /** Whether dig would try the next server after this outcome: silence, an error, SERVFAIL or REFUSED. */
  static boolean worthTryingNext(Exchange e) {
    if (e instanceof Exchange.Answered a) {
      return worthAnotherServer(a.reply().rcode());
    }
    return ((Exchange.NoAnswer) e).failure().kind() != FailureKind.CANCELLED;
  }

  /** Whether an answer with this rcode sends dig to the next server: SERVFAIL or REFUSED (one server's trouble). */
  static boolean worthAnotherServer(int rcode) {
    return rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED;
  }
}
