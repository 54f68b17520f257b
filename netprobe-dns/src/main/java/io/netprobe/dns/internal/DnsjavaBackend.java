package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsBatchSpec;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.RecordType;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsValidationSpec;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.spi.DnsBackend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Rcode;

/**
 * The default DNS backend: dnsjava encodes and decodes messages, netprobe owns the exchange — UDP retransmissions
 * within the deadline, TCP on truncation, the next server on silence, SERVFAIL or REFUSED — so the deadline holds
 * whatever the servers do. Without explicit servers it asks those in {@code /etc/resolv.conf}. Batches go through
 * {@link BatchResolver}: one non-blocking socket, many queries in flight.
 *
 * <p>Thread-safe and stateless apart from its configuration; every query uses its own sockets and closes them.
 */
public final class DnsjavaBackend implements DnsBackend {
  public static final String ID = "dnsjava";

  private final Path resolvConf;

  /** A backend that reads the system's servers from {@code /etc/resolv.conf}. */
  static {
    warmUp();
  }

  public DnsjavaBackend() {
    this(ResolvConf.DEFAULT);
  }

  /**
   * Loads and initialises what a timed-out query needs once its deadline has passed (the failure, its redacted
   * message, the result builder), so that the first query of a JVM does not do it after the deadline: that cost up
   * to 120 ms past a 500 ms timeout.
   */
  private static void warmUp() {
    DnsSpec spec = DnsSpec.of("warm-up.invalid", "warm-up.invalid", RecordType.A, Duration.ofSeconds(1));
    InetSocketAddress server = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 53);
    ProbeFailure failure = ProbeFailure.of(FailureKind.TIMEOUT, "no answer from " + Endpoints.describe(server)
        + " (https://warm-up.invalid/?token=x)");
    Results.silent(spec, new Exchange.NoAnswer(server, failure, 1), 1, Instant.now(), Duration.ZERO).toString();
    String.join("; ", List.of(failure.message(), Rcode.string(Rcode.SERVFAIL)));
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
  public DnsResult query(DnsSpec query, Deadline deadline) {
    Instant started = Instant.now();
    ServerList list = ServerList.of(query.servers(), resolvConf, deadline);
    List<InetSocketAddress> servers = list.servers();
    if (servers.isEmpty()) {
      return DnsResult.builder(query).backend(ID).started(started).failure(list.failure())
          .elapsed(deadline.elapsed()).build();
    }
    int id = QueryIds.next();
    int sent = 0;
    List<String> problems = new ArrayList<>();
    Exchange.Answered lastAnswer = null;
    int lastAnswerProblem = -1;
    Exchange.NoAnswer lastSilence = null;
    for (int i = 0; i < servers.size() && !deadline.isExpired(); i++) {
      InetSocketAddress server = servers.get(i);
      // the servers still to ask share the time left evenly, so a silent first server leaves time for the next
      Deadline forServer = deadline.atMost(deadline.remaining().dividedBy(servers.size() - i));
      Exchange e = ServerExchange.ask(query, server, id, forServer);
      sent += e.sent();
      if (e instanceof Exchange.Answered a && (!ServerExchange.worthTryingNext(e) || i == servers.size() - 1)) {
        return Results.answered(query, a, sent, started, deadline.elapsed(), context(problems));
      }
      if (e instanceof Exchange.Answered a) {
        lastAnswer = a;
        lastAnswerProblem = problems.size();
        problems.add(Endpoints.describe(server) + " answered " + Rcode.string(a.message().getRcode()));
      } else {
        lastSilence = (Exchange.NoAnswer) e;
        problems.add(lastSilence.failure().message());
      }
    }
    if (lastAnswer != null) {
      // a SERVFAIL or REFUSED says more than the silence of the servers after it
      problems.remove(lastAnswerProblem);
      return Results.answered(query, lastAnswer, sent, started, deadline.elapsed(), context(problems));
    }
    if (lastSilence == null) {
      lastSilence = new Exchange.NoAnswer(servers.get(0), ProbeFailure.of(FailureKind.TIMEOUT,
          "no time left to ask " + Endpoints.describe(servers.get(0))), 0);
    }
    ProbeFailure failure = lastSilence.failure();
    if (problems.size() > 1) {
      failure = ProbeFailure.of(failure.kind(), "no servers could be reached: " + String.join("; ", problems),
          failure.cause().orElse(null));
    }
    return Results.silent(query, new Exchange.NoAnswer(lastSilence.server(), failure, sent), sent, started,
        deadline.elapsed());
  }

  private static String context(List<String> problems) {
    return problems.isEmpty() ? "" : "(other servers: " + String.join("; ", problems) + ")";
  }

  @Override
  public DnsValidationResult validate(DnsValidationSpec query, Deadline deadline) {
    return Validator.validate(query, deadline, resolvConf);
  }

  @Override
  public DnsBatchResult queryBatch(DnsBatchSpec batch, Deadline deadline) {
    return BatchResolver.resolve(batch, deadline, resolvConf);
  }
}
