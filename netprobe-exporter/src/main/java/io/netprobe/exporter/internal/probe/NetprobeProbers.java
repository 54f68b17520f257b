package io.netprobe.exporter.internal.probe;

import io.netprobe.diagnose.DiagnosisRequest;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.LayerResult;
import io.netprobe.exporter.internal.config.IpProtocol;
import io.netprobe.exporter.internal.config.NetprobeOptions;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingStatistics;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.ListeningSocketsResult;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * netprobe's own probers, which blackbox lacks: {@code ping} (several echoes: loss, jitter), {@code traceroute},
 * {@code diagnose} (the verdict as {@code probe_diagnosis_info{layer,finding}}) and {@code sockets} (something
 * listening on a local port). Stateless and thread-safe.
 */
final class NetprobeProbers {
  private NetprobeProbers() {}

  static CompletableFuture<Verdict> ping(ProbeContext c) {
    NetprobeOptions o = c.module().netprobe();
    MetricSet m = c.metrics();
    return Resolve.targetAddressThen(c, address -> {
      PingRequest p = c.client().ping(address).count(o.count()).interval(o.interval())
          .replyTimeout(IcmpProber.atMostAMinute(c.timeout())).timeout(c.timeout());
      if (o.payloadSize() > 0) {
        p = p.payloadSize(o.payloadSize());
      }
      return p.runAsync().thenApply(r -> {
        pingMetrics(r, m);
        c.log().info(r.transmitted() + " sent, " + r.received() + " received");
        return r.received() > 0 ? Verdict.ok(r) : Verdict.failed(r.failure().map(f -> f.kind().name())
            .orElse("TIMEOUT"), r);
      });
    });
  }

  static void pingMetrics(PingResult r, MetricSet m) {
    m.gauge("probe_icmp_packets_sent", "Echo requests sent (netprobe)", r.transmitted());
    m.gauge("probe_icmp_packets_received", "Distinct echo replies received (netprobe)", r.received());
    m.gauge("probe_icmp_packet_loss_ratio", "Fraction of echo requests without a reply, 0 to 1 (netprobe)",
        r.transmitted() == 0 ? 1 : r.lossPercent() / 100);
    if (r.received() > 0) {
      PingStatistics s = r.statistics();
      m.seconds("probe_icmp_rtt_min_seconds", "Shortest round trip (netprobe)", s.min());
      m.seconds("probe_icmp_rtt_avg_seconds", "Average round trip (netprobe)", s.avg());
      m.seconds("probe_icmp_rtt_max_seconds", "Longest round trip (netprobe)", s.max());
      m.seconds("probe_icmp_rtt_mdev_seconds", "Standard deviation of the round trips, as ping's mdev (netprobe)",
          s.mdev());
      m.seconds("probe_icmp_rtt_jitter_seconds", "Mean difference between consecutive round trips (netprobe)",
          s.jitter());
    }
  }

  static CompletableFuture<Verdict> traceroute(ProbeContext c) {
    NetprobeOptions o = c.module().netprobe();
    MetricSet m = c.metrics();
    return Resolve.targetAddressThen(c, address -> {
      io.netprobe.icmp.TracerouteRequest request = c.client().traceroute(address).maxHops(o.maxHops())
          .probesPerHop(o.probesPerHop()).mode(o.traceMode()).timeout(c.timeout());
      if (o.tracePort().isPresent()) {
        request = request.port(o.tracePort().getAsInt());
      }
      return request.runAsync().thenApply(r -> {
            tracerouteMetrics(r, m);
            return r.failure().isPresent() ? Verdict.of(r)
                : r.reached() ? Verdict.ok(r) : Verdict.failed("HOST_UNREACHABLE", r);
          });
    });
  }

  private static void tracerouteMetrics(TracerouteResult r, MetricSet m) {
    m.gauge("probe_traceroute_total_hops", "Hops on the path, the destination included (netprobe)",
        r.hops().size());
    m.gauge("probe_traceroute_destination_reached", "Whether the destination answered (netprobe)",
        r.reached() ? 1 : 0);
    for (Hop h : r.hops()) {
      String ttl = Integer.toString(h.ttl());
      String address = h.address().map(a -> a.getHostAddress()).orElse("");
      h.probes().stream().filter(p -> p.rtt().isPresent()).mapToDouble(p -> MetricSet.seconds(p.rtt().get()))
          .min().ifPresent(rtt -> m.gauge("probe_traceroute_hop_rtt_seconds",
              "The shortest round trip to each hop that answered (netprobe)", rtt, "ttl", ttl, "address", address));
      m.gauge("probe_traceroute_hop_answered", "Whether a hop answered (netprobe)", h.isSilent() ? 0 : 1, "ttl", ttl);
    }
  }

  static CompletableFuture<Verdict> diagnose(ProbeContext c) {
    NetprobeOptions o = c.module().netprobe();
    MetricSet m = c.metrics();
    String url = Targets.httpUrl(c.target()).toString();
    DiagnosisRequest d = c.client().diagnose(url).timeout(c.timeout());
    // no traffic to public resolvers unless the module names them: an exporter probes its targets only
    String[] network = o.diagnoseTargets().map(t -> t.split("\\s*,\\s*")).orElse(new String[0]);
    d = d.networkTargets(network);
    return d.runAsync().thenApply(r -> {
      diagnosisMetrics(r, m);
      c.log().info("Verdict category=" + r.verdict().category() + " finding=" + r.verdict().finding() + " layer="
          + r.verdict().layer().map(l -> l.name().toLowerCase(Locale.ROOT)).orElse("none"));
      return r.verdict().isOk() ? Verdict.ok(r) : Verdict.failed("DIAGNOSIS_" + r.verdict().category().name(), r);
    });
  }

  private static void diagnosisMetrics(DiagnosisResult r, MetricSet m) {
    m.gauge("probe_diagnosis_info", "The diagnosis's verdict: the first failing layer and the finding (netprobe)", 1,
        "layer", r.verdict().layer().map(l -> l.name().toLowerCase(Locale.ROOT)).orElse("none"),
        "finding", r.verdict().finding().name(), "category", r.verdict().category().name());
    for (LayerResult l : r.layers()) {
      m.gauge("probe_diagnosis_layer_status", "Each layer's status: 1 passed, 0.5 warning, 0 failed, -1 skipped "
          + "(netprobe)", switch (l.status()) {
            case PASSED -> 1;
            case WARNING -> 0.5;
            case FAILED -> 0;
            default -> -1;
          }, "layer", l.layer().name().toLowerCase(Locale.ROOT));
    }
  }

  static CompletableFuture<Verdict> sockets(ProbeContext c) {
    NetprobeOptions o = c.module().netprobe();
    MetricSet m = c.metrics();
    String t = c.target().trim();
    Targets.HostPort hp = Targets.looksLikePort(t) ? new Targets.HostPort("", Integer.parseInt(t))
        : Targets.hostPort(t, true);
    ListeningSocketsRequest q = c.client().listeningSockets().port(hp.port()).timeout(c.timeout());
    q = o.socketProtocol().equals("udp") ? q.udp() : q.tcp();
    return q.runAsync().thenApply(r -> {
      List<ListeningSocket> found = matching(r, hp.host());
      m.gauge("probe_sockets_listening", "Sockets listening on the target port (netprobe)", found.size());
      for (ListeningSocket s : found) {
        m.gauge("probe_socket_info", "A listening socket and its owners (netprobe)", 1, "address",
            s.address().getHostAddress(), "process", s.owners().stream().map(w -> w.name())
                .collect(Collectors.joining(",")));
      }
      c.log().info(found.size() + " sockets listening on port " + hp.port());
      return r.failure().isPresent() ? Verdict.of(r) : found.isEmpty() ? Verdict.failed("NOT_LISTENING", r)
          : Verdict.ok(r);
    });
  }

  private static List<ListeningSocket> matching(ListeningSocketsResult r, String host) {
    return r.sockets().stream().filter(s -> host.isEmpty() || s.address().isAnyLocalAddress()
        || s.address().getHostAddress().equals(host)).toList();
  }
}
