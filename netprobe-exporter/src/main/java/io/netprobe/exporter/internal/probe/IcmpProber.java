package io.netprobe.exporter.internal.probe;

import io.netprobe.core.Host;
import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** blackbox's icmp prober: one echo request, its round trip by phase. Stateless and thread-safe. */
final class IcmpProber {
  static final String DURATION = "probe_icmp_duration_seconds";
  private static final String DURATION_HELP = "Duration of icmp request by phase";
  /** blackbox's payload: the 28 bytes of "Prometheus Blackbox Exporter". */
  static final int BLACKBOX_PAYLOAD = 28;

  private IcmpProber() {}

  static CompletableFuture<Verdict> probe(ProbeContext c) {
    MetricSet m = c.metrics();
    for (String phase : new String[] {"resolve", "setup", "rtt"}) {
      m.gauge(DURATION, DURATION_HELP, 0, "phase", phase);
    }
    String host = Targets.hostPort(c.target(), false).host();
    return Resolve.address(c, host, c.module().icmp().ip()).thenCompose(address -> {
      m.gauge(DURATION, DURATION_HELP, m.value("probe_dns_lookup_time_seconds"), "phase", "resolve");
      if (address.isEmpty()) {
        return CompletableFuture.completedFuture(address.failed());
      }
      int payload = c.module().icmp().payloadSize() > 0 ? c.module().icmp().payloadSize() : BLACKBOX_PAYLOAD;
      PingRequest ping = c.client().ping(address.get().getHostAddress()).count(1).payloadSize(payload)
          .replyTimeout(atMostAMinute(c.timeout())).timeout(c.timeout());
      if (c.module().icmp().ttl() > 0) {
        ping = ping.ttl(c.module().icmp().ttl());
      }
      if (c.module().icmp().dontFragment()) {
        ping = ping.dontFragment();
      }
      if (c.module().icmp().ip().sourceAddress().isPresent()) {
        String source = c.module().icmp().ip().sourceAddress().get();
        ping = ping.sourceAddress(Host.of(source).literal().orElseThrow(() ->
            new IllegalArgumentException("source_ip_address must be an IP address, was " + source)));
      }
      c.log().info("Creating socket");
      return ping.runAsync().thenApply(r -> judge(c, r));
    });
  }

  /** The library waits at most a minute for one reply; a probe's deadline may be longer (120 s without a header). */
  static Duration atMostAMinute(Duration d) {
    return d.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : d;
  }

  private static Verdict judge(ProbeContext c, PingResult r) {
    MetricSet m = c.metrics();
    if (r.received() > 0) {
      Duration rtt = r.replies().get(0).rtt();
      m.gauge(DURATION, DURATION_HELP, MetricSet.seconds(rtt), "phase", "rtt");
      m.gauge(DURATION, DURATION_HELP, Math.max(0, MetricSet.seconds(r.elapsed().minus(rtt))), "phase", "setup");
      if (r.replies().get(0).ttl() >= 0) {
        m.gauge("probe_icmp_reply_hop_limit", "Replied packet hop limit (TTL for ipv4)", r.replies().get(0).ttl());
      }
      c.log().info("Found matching reply packet");
      return Verdict.ok(r);
    }
    c.log().error("Error receiving echo reply err=\"" + r.failure().map(f -> f.message()).orElse("timeout") + "\"");
    return Verdict.failed(r.failure().map(f -> f.kind().name()).orElse("TIMEOUT"), r);
  }
}
