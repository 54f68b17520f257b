package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.MdaStoppingRule;
import io.netprobe.icmp.MultipathOptions;
import io.netprobe.icmp.PathGraph;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An all-paths trace with the Multipath Detection Algorithm, on the calling thread. Every flow keeps its own
 * constant flow identifier ({@link FlowTraceSocket}: a UDP destination port, a TCP source port, an ICMP checksum),
 * so a flow's path is fixed. TTL by TTL, for each interface found at the
 * previous TTL, it probes flows known to pass that interface until {@link MdaStoppingRule} says all its next hops
 * are seen with the requested confidence; when too few known flows pass it, new flows are tried one TTL earlier to
 * find some that do (MDA's node control). Probes of one round go out together and the round ends when all are
 * answered or the probe timeout passes. Not thread-safe.
 */
final class MdaTrace {
  /** The previous-TTL "interface" of the first TTL: every flow passes it. */
  private static final Optional<InetAddress> ROOT = Optional.of(InetAddress.getLoopbackAddress());

  private record Pending(int flow, int ttl, long sentNano) {}

  private record Seen(Optional<InetAddress> node, HopProbe probe, boolean last) {}

  private final TracerouteSpec spec;
  private final FlowTraceSocket socket;
  private final InetAddress target;
  private final MdaStoppingRule rule;
  private final MultipathOptions options;
  private final Map<Integer, Map<Integer, Seen>> flows = new LinkedHashMap<>();
  private int nextProbe;
  private int probesSent;
  private boolean complete = true;

  MdaTrace(TracerouteSpec spec, FlowTraceSocket socket, InetAddress target) {
    this.spec = spec;
    this.socket = socket;
    this.target = target;
    this.options = spec.allPaths().orElse(MultipathOptions.DEFAULT);
    this.rule = options.rule();
  }

  /** Runs the algorithm over {@code socket} (closing it) and returns the graph with one hop per TTL. */
  static TracerouteResult trace(TracerouteSpec spec, FlowTraceSocket socket, InetAddress target, Instant started,
      Deadline deadline) {
    try (socket) {
      MdaTrace mda = new MdaTrace(spec, socket, target);
      Optional<ProbeFailure> failure = Optional.empty();
      try {
        mda.run(deadline);
      } catch (ErrnoException e) {
        failure = Optional.of(ProbeFailure.of(FailureKind.NETWORK_ERROR, "the probe socket failed: "
            + e.getMessage(), e));
      }
      List<Hop> hops = mda.hops();
      for (Hop h : hops) {
        try {
          spec.listener().onHop(h);
        } catch (RuntimeException listenerBug) {
          // the listener must not throw; a bad one must not end the trace either
        }
      }
      return new TracerouteResult(spec, Optional.of(target), Optional.of(socket.method()), hops, mda.reached(),
          LinuxIcmpBackend.ID, started, deadline.elapsed(), failure, Optional.of(mda.graph()));
    }
  }

  /** Runs until the destination is reached on every path found, the last TTL, or the deadline. */
  void run(Deadline deadline) throws ErrnoException {
    for (int ttl = spec.firstTtl(); ttl <= spec.maxHops() && !deadline.isExpired(); ttl++) {
      Set<Optional<InetAddress>> explored = new java.util.HashSet<>();
      while (!deadline.isExpired()) {
        Optional<Optional<InetAddress>> next = nodesAt(ttl - 1, ttl == spec.firstTtl()).stream()
            .filter(n -> !explored.contains(n)).findFirst();
        if (next.isEmpty()) {
          break;
        }
        explored.add(next.get());
        explore(next.get(), ttl, deadline);
      }
      List<Seen> here = seenAt(ttl);
      if (!here.isEmpty() && here.stream().allMatch(s -> s.last() || s.node().isEmpty())
          && here.stream().anyMatch(Seen::last)) {
        return;
      }
    }
  }

  /** Probes flows through {@code node} at {@code ttl} until the stopping rule is met for its successors. */
  private void explore(Optional<InetAddress> node, int ttl, Deadline deadline) throws ErrnoException {
    int triedHere = 0;
    while (!deadline.isExpired()) {
      List<Integer> through = through(node, ttl);
      List<Integer> probed = through.stream().filter(f -> flows.get(f).containsKey(ttl)).toList();
      // silence is unknown, not another next hop: a rate-limiting router would otherwise look like a branch
      Set<Optional<InetAddress>> successors = new LinkedHashSet<>();
      probed.forEach(f -> flows.get(f).get(ttl).node().ifPresent(a -> successors.add(Optional.of(a))));
      int need = rule.probesNeeded(Math.max(1, successors.size()));
      if (probed.size() >= need) {
        return;
      }
      int missing = need - probed.size();
      List<int[]> round = new ArrayList<>();
      through.stream().filter(f -> !flows.get(f).containsKey(ttl)).limit(missing).forEach(f -> round.add(
          new int[] {f, ttl}));
      int lacking = missing - round.size();
      if (lacking > 0) {
        boolean first = node == ROOT;
        int budget = options.maxFlows() - triedHere;
        int fresh = Math.min(budget, first ? lacking : lacking * Math.max(1, nodesAt(ttl - 1, false).size()));
        if (fresh <= 0) {
          complete = false;
          if (round.isEmpty()) {
            return;
          }
        }
        for (int i = 0; i < fresh; i++) {
          int flow = flows.size();
          flows.put(flow, new HashMap<>());
          round.add(new int[] {flow, first ? ttl : ttl - 1});
        }
        triedHere += Math.max(0, fresh);
      }
      if (round.isEmpty()) {
        return;
      }
      probe(round, deadline);
    }
    complete = false;
  }

  private List<Integer> through(Optional<InetAddress> node, int ttl) {
    List<Integer> through = new ArrayList<>();
    for (Map.Entry<Integer, Map<Integer, Seen>> f : flows.entrySet()) {
      Seen previous = f.getValue().get(ttl - 1);
      if (node == ROOT || previous != null && previous.node().equals(node) && !previous.last()) {
        through.add(f.getKey());
      }
    }
    return through;
  }

  /** The distinct interfaces at {@code ttl} that lead on (not the destination). */
  private List<Optional<InetAddress>> nodesAt(int ttl, boolean root) {
    if (root) {
      return List.of(ROOT);
    }
    Set<Optional<InetAddress>> nodes = new LinkedHashSet<>();
    for (Seen s : seenAt(ttl)) {
      if (!s.last()) {
        nodes.add(s.node());
      }
    }
    return new ArrayList<>(nodes);
  }

  private List<Seen> seenAt(int ttl) {
    List<Seen> seen = new ArrayList<>();
    for (Map<Integer, Seen> f : flows.values()) {
      Seen s = f.get(ttl);
      if (s != null) {
        seen.add(s);
      }
    }
    return seen;
  }

  /** Sends one round ({flow, ttl} pairs) and records what answered each by the probe timeout. */
  private void probe(List<int[]> round, Deadline deadline) throws ErrnoException {
    Map<Integer, Pending> pending = new HashMap<>();
    for (int[] p : round) {
      int number = nextProbe++ & 0xffff;
      long sent = System.nanoTime();
      if (socket.send(target, number, p[1], p[0]) == 0) {
        pending.put(number, new Pending(p[0], p[1], sent));
        probesSent++;
      } else {
        flows.get(p[0]).put(p[1], new Seen(Optional.empty(), HopProbe.silent(), false));
      }
    }
    long giveUp = System.nanoTime() + spec.probeTimeout().toNanos();
    while (!pending.isEmpty() && !deadline.isExpired()) {
      for (TraceSocket.Answer a : socket.drain()) {
        Pending p = pending.remove(a.probe());
        if (p != null) {
          HopProbe probe = new HopProbe(Optional.of(a.from()), Optional.of(Duration.ofNanos(Math.max(0,
              a.userNanoTime() - p.sentNano()))), a.type(), a.code(), a.extensions(), a.nat());
          flows.get(p.flow()).put(p.ttl(), new Seen(Optional.of(a.from()), probe, probe.endsTrace(target)));
        }
      }
      long wait = Math.min(giveUp, deadline.nanoTime()) - System.nanoTime();
      if (pending.isEmpty() || wait <= 0) {
        break;
      }
      NativeSocket.pollAll(socket.nativeSockets(), (int) Math.max(1, wait / 1_000_000));
    }
    for (Pending p : pending.values()) {
      flows.get(p.flow()).put(p.ttl(), new Seen(Optional.empty(), HopProbe.silent(), false));
    }
  }

  /** One hop per TTL, with one probe per interface seen there (the first answer from it). */
  List<Hop> hops() {
    List<Hop> hops = new ArrayList<>();
    for (int ttl : ttls()) {
      Map<Optional<InetAddress>, HopProbe> first = new LinkedHashMap<>();
      for (Seen s : seenAt(ttl)) {
        first.putIfAbsent(s.node(), s.probe());
      }
      hops.add(Hop.of(ttl, new ArrayList<>(first.values()), Optional.empty(), target));
    }
    return hops;
  }

  PathGraph graph() {
    List<PathGraph.PathHop> hops = new ArrayList<>();
    Set<PathGraph.PathLink> links = new LinkedHashSet<>();
    for (int ttl : ttls()) {
      Map<Optional<InetAddress>, Integer> counts = new LinkedHashMap<>();
      for (Seen s : seenAt(ttl)) {
        if (shown(s, ttl)) {
          counts.merge(s.node(), 1, Integer::sum);
        }
      }
      counts.forEach((node, n) -> hops.add(new PathGraph.PathHop(ttl, node, n)));
      for (Map<Integer, Seen> f : flows.values()) {
        Seen a = f.get(ttl);
        Seen b = f.get(ttl + 1);
        if (a != null && b != null && !a.last() && shown(a, ttl) && shown(b, ttl + 1)) {
          links.add(new PathGraph.PathLink(ttl, a.node(), b.node()));
        }
      }
    }
    return new PathGraph(hops, new ArrayList<>(links), options.confidence(), flows.size(), probesSent, complete);
  }

  /** A silent probe is a node ({@code *}) only at a TTL where nothing answered. */
  private boolean shown(Seen s, int ttl) {
    return s.node().isPresent() || seenAt(ttl).stream().noneMatch(o -> o.node().isPresent());
  }

  boolean reached() {
    return flows.values().stream().flatMap(f -> f.values().stream()).anyMatch(Seen::last);
  }

  private List<Integer> ttls() {
    Set<Integer> ttls = new java.util.TreeSet<>();
    flows.values().forEach(f -> ttls.addAll(f.keySet()));
    return new ArrayList<>(ttls);
  }
}
