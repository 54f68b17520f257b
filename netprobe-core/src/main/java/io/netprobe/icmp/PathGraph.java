package io.netprobe.icmp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The load-balanced paths to a destination as an all-paths traceroute (MDA) found them: the interfaces answering at
 * each TTL and the links between consecutive TTLs (a "diamond" where paths split and join again). A silent
 * interface ({@code *}) is a node with an empty address.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hops every interface seen, by TTL then in the order first seen
 * @param links which interface at TTL {@code t} led to which at {@code t + 1}, seen on the same flow
 * @param confidence the confidence the stopping rule was run with
 * @param flows how many distinct flows were tried
 * @param probesSent how many probes were sent
 * @param complete false when the flow cap or the deadline stopped the search before the rule was satisfied
 */
public record PathGraph(List<PathHop> hops, List<PathLink> links, double confidence, int flows, int probesSent,
    boolean complete) {
  public PathGraph {
    hops = List.copyOf(hops);
    links = List.copyOf(links);
  }

  /**
   * One interface at one TTL.
   *
   * @param ttl the TTL
   * @param address who answered; empty for a probe nobody answered
   * @param flows how many of the flows probed at this TTL reached it
   */
  public record PathHop(int ttl, Optional<InetAddress> address, int flows) {
    public PathHop {
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * A link seen on one flow: {@code from} answered at {@code ttl}, {@code to} at {@code ttl + 1}.
   *
   * @param ttl the TTL of {@code from}
   * @param from the earlier interface (empty: silent)
   * @param to the later interface (empty: silent)
   */
  public record PathLink(int ttl, Optional<InetAddress> from, Optional<InetAddress> to) {
    public PathLink {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  /** The interfaces at {@code ttl}. */
  public List<PathHop> at(int ttl) {
    return hops.stream().filter(h -> h.ttl() == ttl).toList();
  }

  /** The TTLs present, in order. */
  public List<Integer> ttls() {
    Set<Integer> ttls = new LinkedHashSet<>();
    hops.stream().map(PathHop::ttl).sorted().forEach(ttls::add);
    return new ArrayList<>(ttls);
  }

  /** The most interfaces seen at one TTL: 1 on a single path, 2 or more where a balancer splits it. */
  public int width() {
    return ttls().stream().mapToInt(t -> at(t).size()).max().orElse(0);
  }

  /** How many distinct interface-level paths run from the first TTL to the last, following the links. */
  public long pathCount() {
    List<Integer> ttls = ttls();
    if (ttls.isEmpty()) {
      return 0;
    }
    Map<Optional<InetAddress>, Long> counts = new HashMap<>();
    for (PathHop h : at(ttls.get(ttls.size() - 1))) {
      counts.put(h.address(), 1L);
    }
    for (int i = ttls.size() - 2; i >= 0; i--) {
      int ttl = ttls.get(i);
      Map<Optional<InetAddress>, Long> here = new HashMap<>();
      for (PathHop h : at(ttl)) {
        long sum = 0;
        for (PathLink l : links) {
          if (l.ttl() == ttl && l.from().equals(h.address())) {
            sum += counts.getOrDefault(l.to(), 0L);
          }
        }
        here.put(h.address(), Math.max(sum, 1));
      }
      counts = here;
    }
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
