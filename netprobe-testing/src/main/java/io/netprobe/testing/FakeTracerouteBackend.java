package io.netprobe.testing;

import io.netprobe.Deadline;
import io.netprobe.FailureKind;
import io.netprobe.ProbeFailure;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.TraceResult;
import io.netprobe.icmp.TraceSpec;
import io.netprobe.spi.TracerouteBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scripted {@link TracerouteBackend}: a route given as a list of router addresses, {@code null} for a router that
 * sends no time-exceeded ({@code * * *}). Hosts not scripted fail with NETWORK_UNREACHABLE.
 *
 * <pre>{@code
 * new FakeTracerouteBackend().route("8.8.8.8", "10.0.0.1", null, "142.250.1.1", "8.8.8.8");
 * }</pre>
 *
 * <p>The listener receives each hop. Thread-safe.
 */
public final class FakeTracerouteBackend extends ScriptedBackend<TraceSpec, TraceResult>
    implements TracerouteBackend {

  /** The route to {@code host}: hop addresses in order, the last being the destination; null for a silent hop. */
  public FakeTracerouteBackend route(String host, String... hops) {
    script(s -> s.host().ascii().equalsIgnoreCase(host) || s.host().input().equalsIgnoreCase(host),
        s -> trace(s, hops));
    return this;
  }

  /** Traces to {@code host} fail with {@code kind}. */
  public FakeTracerouteBackend fail(String host, FailureKind kind) {
    script(s -> s.host().ascii().equalsIgnoreCase(host), s -> failed(s, ProbeFailure.of(kind, "scripted " + kind)));
    return this;
  }

  @Override
  public TraceResult trace(TraceSpec spec, Deadline deadline) {
    return answer(spec, deadline, f -> failed(spec, f), s -> failed(s,
        ProbeFailure.of(FailureKind.NETWORK_UNREACHABLE, "no route to " + s.host().ascii())));
  }

  private static TraceResult trace(TraceSpec s, String... route) {
    List<Hop> hops = new ArrayList<>();
    boolean reached = false;
    InetAddress destination = null;
    for (int ttl = s.firstTtl(); ttl <= Math.min(s.maxHops(), route.length); ttl++) {
      String address = route[ttl - 1];
      List<HopProbe> probes = new ArrayList<>();
      boolean last = ttl == route.length;
      for (int p = 0; p < s.probesPerHop(); p++) {
        probes.add(address == null ? HopProbe.silent() : new HopProbe(Optional.of(FakeAddresses.parse(address)),
            Optional.of(Duration.ofMillis(ttl)), last ? 3 : 11, last ? 3 : 0));
      }
      Hop hop = new Hop(ttl, probes, Optional.empty(), Optional.empty(), last && address != null);
      s.listener().onHop(hop);
      hops.add(hop);
      if (last && address != null) {
        reached = true;
        destination = FakeAddresses.parse(address);
      }
    }
    return new TraceResult(s, Optional.ofNullable(destination).or(() -> s.host().literal()),
        Optional.of(PingMethod.DATAGRAM_ICMP), hops, reached, ID, Instant.now(), Duration.ofMillis(route.length),
        Optional.empty());
  }

  private static TraceResult failed(TraceSpec s, ProbeFailure f) {
    return new TraceResult(s, s.host().literal(), Optional.empty(), List.of(), false, ID, Instant.now(), Duration.ZERO,
        Optional.of(f));
  }
}
