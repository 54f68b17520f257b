package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.NetprobeOptions;
import io.netprobe.icmp.MtrHop;
import io.netprobe.icmp.MtrResult;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * netprobe's {@code mtr} prober: {@code Probes.mtr(target)} for a few cycles, and mtr's report columns per hop as
 * metrics — loss, last, average, best, worst, standard deviation and jitter — labelled by TTL and the addresses that
 * answered. Success: the destination answered in at least one cycle. Stateless; thread-safe.
 */
final class MtrProber {
  private static final String RTT = "probe_mtr_hop_rtt_seconds";
  private static final String RTT_HELP = "Round trips to each hop over the cycles, by statistic as mtr reports them "
      + "(netprobe)";

  private MtrProber() {}

  static CompletableFuture<Verdict> probe(ProbeContext c) {
    NetprobeOptions o = c.module().netprobe();
    MetricSet m = c.metrics();
    return Resolve.targetAddressThen(c, address -> {
      io.netprobe.icmp.MtrRequest request = c.client().mtr(address).cycles(o.mtrCycles()).interval(o.mtrInterval())
          .maxHops(o.maxHops()).mode(o.traceMode()).timeout(c.timeout());
      if (o.tracePort().isPresent()) {
        request = request.port(o.tracePort().getAsInt());
      }
      return request.runAsync().thenApply(r -> {
            metrics(r, m);
            if (r.failure().isPresent()) {
              return Verdict.of(r);
            }
            return reached(r) ? Verdict.ok(r) : Verdict.failed("HOST_UNREACHABLE", r);
          });
    });
  }

  private static boolean reached(MtrResult r) {
    Optional<InetAddress> target = r.address();
    return target.isPresent() && r.hops().stream()
        .anyMatch(h -> h.received() > 0 && h.addresses().contains(target.get()));
  }

  private static void metrics(MtrResult r, MetricSet m) {
    m.gauge("probe_mtr_cycles", "Cycles of the mtr probe that completed (netprobe)", r.cycles());
    m.gauge("probe_mtr_hops", "Hops on the path, the destination included (netprobe)", r.hops().size());
    m.gauge("probe_mtr_destination_reached", "Whether the destination answered in any cycle (netprobe)",
        reached(r) ? 1 : 0);
    for (MtrHop h : r.hops()) {
      String ttl = Integer.toString(h.ttl());
      String address = h.addresses().stream().map(InetAddress::getHostAddress).collect(Collectors.joining(","));
      m.gauge("probe_mtr_hop_sent", "Probes sent to each hop (netprobe)", h.sent(), "ttl", ttl, "address", address);
      m.gauge("probe_mtr_hop_loss_ratio", "Share of each hop's probes that got no answer, 0 to 1 (netprobe)",
          h.lossPercent() / 100, "ttl", ttl, "address", address);
      rtt(m, ttl, address, "last", h.last());
      rtt(m, ttl, address, "avg", h.average());
      rtt(m, ttl, address, "best", h.best());
      rtt(m, ttl, address, "worst", h.worst());
      rtt(m, ttl, address, "stdev", h.stdev());
      h.jitterAverage().ifPresent(j -> m.gauge("probe_mtr_hop_jitter_seconds",
          "Mean difference between consecutive round trips to each hop (netprobe)", MetricSet.seconds(j), "ttl", ttl,
          "address", address));
    }
  }

  private static void rtt(MetricSet m, String ttl, String address, String stat, Optional<Duration> value) {
    value.ifPresent(v -> m.gauge(RTT, RTT_HELP, MetricSet.seconds(v), "ttl", ttl, "address", address, "stat", stat));
  }
}
