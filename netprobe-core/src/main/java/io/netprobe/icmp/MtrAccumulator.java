package io.netprobe.icmp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * mtr's per-hop statistics, fed one traceroute cycle at a time: counts, last/best/worst, the mean and sample
 * standard deviation by Welford's method, and jitter between consecutive answers. Hops beyond the destination's TTL
 * are dropped once the destination answered. Not thread-safe: one run owns it.
 */
final class MtrAccumulator {
  private static final class Stats {
    final Set<InetAddress> addresses = new LinkedHashSet<>();
    int sent;
    int received;
    long lastNanos = -1;
    long bestNanos = Long.MAX_VALUE;
    long worstNanos = Long.MIN_VALUE;
    double mean;
    double m2;
    long jitterNanos = -1;
    double jitterSum;
    int jitters;
    long jitterWorstNanos;
  }

  private final TreeMap<Integer, Stats> hops = new TreeMap<>();
  private int destinationTtl = Integer.MAX_VALUE;

  /** The highest TTL worth probing: the destination's once it answered, else {@code maxHops}. */
  int limit(int maxHops) {
    return Math.min(maxHops, destinationTtl);
  }

  /** Adds one cycle: the first probe of every hop of {@code trace}. */
  void add(TracerouteResult trace) {
    if (trace.reached() && !trace.hops().isEmpty()) {
      destinationTtl = Math.min(destinationTtl, trace.hops().get(trace.hops().size() - 1).ttl());
      hops.tailMap(destinationTtl, false).clear();
    }
    for (Hop hop : trace.hops()) {
      if (hop.ttl() > destinationTtl || hop.probes().isEmpty()) {
        continue;
      }
      Stats s = hops.computeIfAbsent(hop.ttl(), t -> new Stats());
      HopProbe p = hop.probes().get(0);
      s.sent++;
      if (p.answered() && p.rtt().isPresent()) {
        s.addresses.add(p.from().orElseThrow());
        long rtt = p.rtt().get().toNanos();
        s.received++;
        if (s.lastNanos >= 0) {
          long j = Math.abs(rtt - s.lastNanos);
          s.jitterNanos = j;
          s.jitterSum += j;
          s.jitters++;
          s.jitterWorstNanos = Math.max(s.jitterWorstNanos, j);
        }
        s.lastNanos = rtt;
        s.bestNanos = Math.min(s.bestNanos, rtt);
        s.worstNanos = Math.max(s.worstNanos, rtt);
        double delta = rtt - s.mean;
        s.mean += delta / s.received;
        s.m2 += delta * (rtt - s.mean);
      }
    }
  }

  List<MtrHop> snapshot() {
    List<MtrHop> out = new ArrayList<>();
    hops.forEach((ttl, s) -> {
      boolean any = s.received > 0;
      out.add(new MtrHop(ttl, new ArrayList<>(s.addresses), s.sent, s.received, when(any, s.lastNanos),
          when(any, s.bestNanos), when(any, s.worstNanos), when(any, Math.round(s.mean)),
          when(s.received > 1, Math.round(Math.sqrt(s.m2 / (s.received - 1)))), when(s.jitters > 0,
              s.jitterNanos), when(s.jitters > 0, Math.round(s.jitterSum / s.jitters)), when(s.jitters > 0,
              s.jitterWorstNanos)));
    });
    return out;
  }

  private static Optional<Duration> when(boolean present, long nanos) {
    return present ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty();
  }
}
