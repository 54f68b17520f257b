package io.netprobe.internal.dns;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeRunner;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTraceResult;
import io.netprobe.dns.DnsTraceStep;
import io.netprobe.dns.RecordType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Walks the delegation chain from the root for one question, asking each zone's servers with RD clear as ordinary
 * {@link DnsSpec} probes through the runner, so it works with every DNS backend. Glue is used when the referral has
 * it; glueless name-server names are resolved by a nested walk from the root. Not thread-safe: one per trace.
 */
public final class IterativeResolver {
  private static final int MAX_STEPS = 60;
  private static final int MAX_NESTING = 3;
  private static final int SERVERS_PER_ZONE = 4;

  private final ProbeRunner runner;
  private final DnsSpec query;
  private final int port;
  private final Deadline deadline;
  private final List<DnsTraceStep> steps = new ArrayList<>();
  /** The backend that answered the last question; the trace's result names it. */
  private String backend = "none";

  /** Traces {@code query} asking every server on {@code port}, all questions under {@code deadline}. */
  public IterativeResolver(ProbeRunner runner, DnsSpec query, int port, Deadline deadline) {
    this.runner = runner;
    this.query = query;
    this.port = port;
    this.deadline = deadline;
  }

  private record NameServer(String name, InetAddress address) {}

  /** The end of a walk: the last step that counted, or the failure that stopped it. */
  private record Walk(@Nullable DnsTraceStep last, @Nullable ProbeFailure failure) {}

  /** Walks from {@code roots}; call once. */
  public DnsTraceResult trace(List<InetAddress> roots, Instant started) {
    Walk walk = walk(query, roots, 0);
    Optional<DnsResult> answer = walk.last() == null || walk.last().kind() == DnsTraceStep.Kind.FAILED
        || walk.last().kind() == DnsTraceStep.Kind.REFERRAL ? Optional.empty() : Optional.of(walk.last().response());
    ProbeFailure failure = walk.failure() != null ? walk.failure() : answer.flatMap(DnsResult::failure).orElse(null);
    return new DnsTraceResult(query, steps, answer, backend, started, deadline.elapsed(),
        Optional.ofNullable(failure));
  }

  private Walk walk(DnsSpec q, List<InetAddress> roots, int nesting) {
    String zone = ".";
    List<NameServer> servers = new ArrayList<>();
    for (InetAddress a : roots) {
      servers.add(new NameServer("(root hint " + io.netprobe.internal.net.HostParser.text(a) + ")", a));
    }
    String target = q.absoluteName().toLowerCase(Locale.ROOT);
    while (true) {
      if (deadline.isExpired()) {
        return new Walk(null, ProbeFailure.of(FailureKind.TIMEOUT, "the trace of " + target
            + " ran out of time at zone " + zone));
      }
      if (steps.size() >= MAX_STEPS) {
        return new Walk(null, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, "the trace of " + target + " took more than "
            + MAX_STEPS + " steps (a delegation loop?)"));
      }
      DnsTraceStep step = askZone(q, zone, servers);
      if (step.kind() != DnsTraceStep.Kind.REFERRAL) {
        return step.kind() == DnsTraceStep.Kind.FAILED
            ? new Walk(step, step.response().failure().orElse(ProbeFailure.of(FailureKind.PROTOCOL_ERROR,
                "no server of " + zone + " gave a usable answer for " + target)))
            : new Walk(step, null);
      }
      String next = referredZone(step.response(), zone, target);
      List<NameServer> nextServers = glue(step.response(), step.nameServers());
      if (nextServers.isEmpty() && nesting < MAX_NESTING) {
        nextServers = resolveGlueless(step.nameServers(), roots, nesting);
      }
      if (nextServers.isEmpty()) {
        return new Walk(step, ProbeFailure.of(FailureKind.NAME_NOT_FOUND, "no address found for any name server of "
            + next + " " + step.nameServers()));
      }
      zone = next;
      servers = nextServers;
    }
  }

  /** Asks the zone's servers in turn until one gives a usable response; every attempt becomes a step. */
  private DnsTraceStep askZone(DnsSpec q, String zone, List<NameServer> servers) {
    DnsTraceStep last = null;
    int limit = Math.min(servers.size(), SERVERS_PER_ZONE);
    for (int i = 0; i < limit && !deadline.isExpired(); i++) {
      NameServer ns = servers.get(i);
      InetSocketAddress address = new InetSocketAddress(ns.address(), port);
      DnsSpec single = q.withServers(List.of(address)).withRecursion(false);
      Deadline forServer = deadline.atMost(deadline.remaining().dividedBy(limit - i));
      DnsResult r = runner.run(single, forServer);
      if (!r.backend().equals("none")) {
        backend = r.backend();
      }
      last = step(zone, ns, address, r, q.absoluteName().toLowerCase(Locale.ROOT));
      steps.add(last);
      if (last.kind() != DnsTraceStep.Kind.FAILED) {
        return last;
      }
    }
    if (last == null) {
      DnsResult none = DnsResult.builder(q).backend(backend).failure(ProbeFailure.of(FailureKind.TIMEOUT,
          "no time left to ask the servers of " + zone)).build();
      last = new DnsTraceStep(zone, "(none)", new InetSocketAddress(servers.isEmpty() ? InetAddress.getLoopbackAddress()
          : servers.get(0).address(), port), DnsTraceStep.Kind.FAILED, List.of(), none, Duration.ZERO);
    }
    return last;
  }

  private DnsTraceStep step(String zone, NameServer ns, InetSocketAddress address, DnsResult r, String target) {
    Duration time = r.queryTime().orElse(r.elapsed());
    DnsTraceStep.Kind kind;
    List<String> nameServers = List.of();
    String rcode = r.rcode().orElse("");
    if (r.header().isEmpty()) {
      kind = DnsTraceStep.Kind.FAILED;
    } else if (rcode.equals("NXDOMAIN")) {
      kind = DnsTraceStep.Kind.NAME_NOT_FOUND;
    } else if (!rcode.equals("NOERROR")) {
      kind = DnsTraceStep.Kind.FAILED;
    } else if (!r.answers().isEmpty()) {
      kind = DnsTraceStep.Kind.ANSWER;
    } else if (referredZone(r, zone, target) != null) {
      kind = DnsTraceStep.Kind.REFERRAL;
      String next = referredZone(r, zone, target);
      nameServers = r.authority().stream()
          .filter(a -> a.type().equals(RecordType.NS) && a.name().equalsIgnoreCase(next))
          .map(a -> a.data().toLowerCase(Locale.ROOT)).distinct().toList();
    } else if (r.header().get().has(DnsFlag.AA)) {
      kind = DnsTraceStep.Kind.NO_DATA;
    } else {
      kind = DnsTraceStep.Kind.FAILED; // neither an answer nor a referral closer to the name: a lame server
    }
    return new DnsTraceStep(zone, ns.name(), address, kind, nameServers, r, time);
  }

  /** The zone a referral leads to, when it is below {@code zone} and above or at the target; else null. */
  private static @Nullable String referredZone(DnsResult r, String zone, String target) {
    for (DnsAnswer a : r.authority()) {
      String owner = a.name().toLowerCase(Locale.ROOT);
      if (a.type().equals(RecordType.NS) && !owner.equals(zone) && within(owner, zone) && within(target, owner)) {
        return owner;
      }
    }
    return null;
  }

  private static boolean within(String name, String zone) {
    return zone.equals(".") || name.equals(zone) || name.endsWith("." + zone);
  }

  /** The name servers with addresses from the additional section, IPv4 first, in the referral's order. */
  private static List<NameServer> glue(DnsResult r, List<String> nameServers) {
    List<NameServer> v4 = new ArrayList<>();
    List<NameServer> v6 = new ArrayList<>();
    for (String ns : nameServers) {
      for (DnsAnswer a : r.additional()) {
        if (a.name().equalsIgnoreCase(ns)) {
          a.address().ifPresent(ip -> (a.type().equals(RecordType.A) ? v4 : v6).add(new NameServer(ns, ip)));
        }
      }
    }
    v4.addAll(v6);
    return v4;
  }

  /** Resolves name-server names that came without glue by walking from the root for their A records. */
  private List<NameServer> resolveGlueless(List<String> nameServers, List<InetAddress> roots, int nesting) {
    Set<NameServer> found = new LinkedHashSet<>();
    for (String ns : nameServers) {
      if (!found.isEmpty() || deadline.isExpired()) {
        break;
      }
      String bare = ns.endsWith(".") && ns.length() > 1 ? ns.substring(0, ns.length() - 1) : ns;
      DnsSpec forNs = query.withName(bare).withInput(bare).withType(RecordType.A).withServers(List.of())
          .withDnssec(false).withRecursion(false);
      Walk w = walk(forNs, roots, nesting + 1);
      if (w.last() != null && w.last().kind() == DnsTraceStep.Kind.ANSWER) {
        w.last().response().answers().stream()
            .filter(a -> a.type().equals(RecordType.A) && a.name().equalsIgnoreCase(ns))
            .forEach(a -> a.address().ifPresent(ip -> found.add(new NameServer(ns, ip))));
      }
    }
    return new ArrayList<>(found);
  }
}
