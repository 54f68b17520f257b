package io.netprobe.dns.internal;

import io.netprobe.Deadline;
import io.netprobe.FailureKind;
import io.netprobe.Host;
import io.netprobe.ProbeFailure;
import io.netprobe.dns.DnsQuery;
import io.netprobe.dns.DnsResult;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.DnsBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The default DNS backend: dnsjava encodes and decodes messages, netprobe owns the exchange — UDP retransmissions
 * within the deadline, TCP on truncation, the next server on silence, SERVFAIL or REFUSED — so the deadline holds
 * whatever the servers do. Without explicit servers it asks those in {@code /etc/resolv.conf}.
 *
 * <p>Thread-safe and stateless apart from its configuration; every query uses its own sockets and closes them.
 */
public final class DnsjavaBackend implements DnsBackend {
  public static final String ID = "dnsjava";

  private final Path resolvConf;

  /** A backend that reads the system's servers from {@code /etc/resolv.conf}. */
  public DnsjavaBackend() {
    this(ResolvConf.DEFAULT);
  }

  /** A backend that reads the default servers from this resolv.conf-style file. */
  public DnsjavaBackend(Path resolvConf) {
    this.resolvConf = resolvConf;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public DnsResult query(DnsQuery query, Deadline deadline) {
    Instant started = Instant.now();
    DnsResult.Builder result = DnsResult.builder(query).backend(ID).started(started);
    List<InetSocketAddress> servers = new ArrayList<>();
    ProbeFailure unresolved = servers(query, deadline, servers);
    if (servers.isEmpty()) {
      return result.failure(unresolved).elapsed(deadline.elapsed()).build();
    }
    int id = QueryIds.next();
    int sent = 0;
    List<String> problems = new ArrayList<>();
    Exchange.Answered lastAnswer = null;
    Exchange.NoAnswer lastSilence = null;
    for (int i = 0; i < servers.size() && !deadline.isExpired(); i++) {
      InetSocketAddress server = servers.get(i);
      // the servers still to ask share the time left evenly, so a silent first server leaves time for the next
      Deadline forServer = deadline.atMost(deadline.remaining().dividedBy(servers.size() - i));
      Exchange e = ServerExchange.ask(query, server, id, forServer);
      sent += e.sent();
      boolean last = i == servers.size() - 1;
      if (!ServerExchange.worthTryingNext(e) || last) {
        if (e instanceof Exchange.Answered a) {
          return answered(result, query, a, sent, problems, deadline);
        }
        lastSilence = (Exchange.NoAnswer) e;
        break;
      }
      if (e instanceof Exchange.Answered a) {
        lastAnswer = a;
        problems.add(Endpoints.describe(server) + ": " + org.xbill.DNS.Rcode.string(a.message().getRcode()));
      } else {
        lastSilence = (Exchange.NoAnswer) e;
        problems.add(lastSilence.failure().message());
      }
    }
    if (lastAnswer != null) {
      // a SERVFAIL or REFUSED says more than the silence of the servers after it
      return answered(result, query, lastAnswer, sent, problems, deadline);
    }
    ProbeFailure failure = lastSilence != null ? lastSilence.failure()
        : ProbeFailure.of(FailureKind.TIMEOUT, "no time left to ask " + Endpoints.describe(servers.get(0)));
    if (problems.size() > 1 || (problems.size() == 1 && lastSilence != null
        && !problems.get(0).equals(lastSilence.failure().message()))) {
      failure = ProbeFailure.of(failure.kind(), "no servers could be reached: " + joined(problems, failure),
          failure.cause().orElse(null));
    }
    InetSocketAddress server = lastSilence != null ? lastSilence.server() : servers.get(0);
    return result.server(server).attempts(sent).failure(failure).elapsed(deadline.elapsed()).build();
  }

  private static String joined(List<String> problems, ProbeFailure last) {
    List<String> all = new ArrayList<>(problems);
    if (!all.contains(last.message())) {
      all.add(last.message());
    }
    return all.stream().collect(Collectors.joining("; "));
  }

  private static DnsResult answered(DnsResult.Builder result, DnsQuery query, Exchange.Answered a, int sent,
      List<String> problems, Deadline deadline) {
    ResponseReader.fill(result, a.message());
    ProbeFailure failure = ResponseReader.outcome(query, a.message(), Endpoints.describe(a.server()));
    if (failure != null && !problems.isEmpty() && problems.size() > 0
        && !problems.get(problems.size() - 1).startsWith(Endpoints.describe(a.server()))) {
      failure = ProbeFailure.of(failure.kind(), failure.message() + " (servers asked before: "
          + String.join("; ", problems) + ")");
    }
    return result.server(a.server()).transport(a.transport()).queryTime(a.rtt()).messageSize(a.size())
        .attempts(sent).failure(failure).elapsed(deadline.elapsed()).build();
  }

  /** Fills {@code out} with the servers to ask; returns the failure to report when none is left. */
  private ProbeFailure servers(DnsQuery query, Deadline deadline, List<InetSocketAddress> out) {
    if (query.servers().isEmpty()) {
      out.addAll(ResolvConf.servers(resolvConf));
      return ProbeFailure.of(FailureKind.NETWORK_ERROR, "no DNS servers: " + resolvConf
          + " lists no nameserver; name one with .server(…)");
    }
    ProbeFailure last = null;
    for (InetSocketAddress s : query.servers()) {
      if (!s.isUnresolved()) {
        out.add(s);
        continue;
      }
      SystemResolver.Resolution r = SystemResolver.resolve(Host.of(s.getHostString()), deadline);
      if (!r.ok()) {
        last = ProbeFailure.of(r.failure().kind(), "could not resolve the DNS server name " + s.getHostString()
            + ": " + r.failure().message(), r.failure().cause().orElse(null));
        continue;
      }
      for (InetAddress a : r.addresses()) {
        out.add(new InetSocketAddress(a, s.getPort()));
      }
    }
    return last;
  }
}
