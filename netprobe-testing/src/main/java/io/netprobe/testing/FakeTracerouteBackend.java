package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.spi.ProbeEngine;
import java.util.concurrent.CompletableFuture;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.spi.TracerouteBackend;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A scripted {@link TracerouteBackend}: a route given as a list of router addresses, {@code null} for a router that
 * sends no time-exceeded ({@code * * *}). Hosts not scripted fail with NETWORK_UNREACHABLE. It scripts the wire —
 * who answers each TTL with which ICMP type and code (routers: time exceeded; the destination: port unreachable in
 * UDP mode, echo reply in ICMP mode) — and netprobe-core judges the hops as for the real backend
 * ({@link Hop#of}: reached, {@code !H}/{@code !N}…; {@link HopProbe#endsTrace}: where the trace stops).
 *
 * <pre>{@code
 * new FakeTracerouteBackend()
 *     .route("8.8.8.8", "10.0.0.1", null, "142.250.1.1", "8.8.8.8")
 *     .routeEndingIn("10.9.9.9", 3, 1, "10.0.0.1", "10.0.0.254");   // the second router answers !H
 * }</pre>
 *
 * <p>The listener receives each hop. Thread-safe.
 */
public final class FakeTracerouteBackend extends ScriptedBackend<TracerouteSpec, TracerouteResult>
    implements TracerouteBackend {
  /** A fake with nothing scripted yet. */
  public FakeTracerouteBackend() {}

  private static final InetAddress DOCUMENTATION_ADDRESS = FakeAddresses.parse("192.0.2.1");

  /**
   * The route to {@code host}: hop addresses in order, null for a silent hop. A hop whose address is the destination
   * (the host itself, or the last hop when the host is a name) answers as the destination does, and ends the trace.
   */
  public FakeTracerouteBackend route(String host, String... hops) {
    return scriptRoute(host, hops, -1, -1);
  }

  /**
   * As {@link #route}, but the last hop answers with ICMP {@code type} and {@code code} — say {@code 3, 1} (host
   * unreachable, traceroute's {@code !H}) or {@code 3, 13} ({@code !X}) from a router; ICMPv6 numbers for IPv6.
   *
   * @throws IllegalArgumentException when no hop is given or the last one is null
   */
  public FakeTracerouteBackend routeEndingIn(String host, int type, int code, String... hops) {
    if (hops.length == 0 || hops[hops.length - 1] == null) {
      throw new IllegalArgumentException("routeEndingIn needs a last hop that answers, got " + Arrays.toString(hops));
    }
    return scriptRoute(host, hops, type, code);
  }

  private FakeTracerouteBackend scriptRoute(String host, String[] hops, int lastType, int lastCode) {
    String[] route = hops.clone();
    script(s -> matches(s, host), s -> trace(s, route, lastType, lastCode));
    return this;
  }

  /** Traces to {@code host} fail with {@code kind}. */
  public FakeTracerouteBackend fail(String host, FailureKind kind) {
    script(s -> matches(s, host), s -> failed(s, ProbeFailure.of(kind, "scripted " + kind)));
    return this;
  }

  /** No hop on the way to {@code host} answers: every hop up to the spec's maximum is {@code * * *}. */
  public FakeTracerouteBackend silent(String host) {
    script(s -> matches(s, host), s -> trace(s, new String[s.maxHops()], -1, -1));
    return this;
  }

  /** Traces to {@code host} take {@code delay} before they answer (or time out when that passes the deadline). */
  public FakeTracerouteBackend delay(String host, Duration delay) {
    delayWhen(s -> matches(s, host), delay);
    return this;
  }

  private static boolean matches(TracerouteSpec s, String host) {
    return s.host().ascii().equalsIgnoreCase(host) || s.host().input().equalsIgnoreCase(host);
  }

  @Override
  public TracerouteResult trace(TracerouteSpec spec, Deadline deadline) {
    return answer(spec, deadline, f -> failed(spec, f), FakeTracerouteBackend::noRoute);
  }

  @Override
  public CompletableFuture<TracerouteResult> traceAsync(TracerouteSpec spec, Deadline deadline, ProbeEngine engine) {
    return answerAsync(spec, deadline, engine, f -> failed(spec, f), FakeTracerouteBackend::noRoute);
  }

  private static TracerouteResult noRoute(TracerouteSpec s) {
    return failed(s, ProbeFailure.of(FailureKind.NETWORK_UNREACHABLE, "no route to " + s.host().ascii()));
  }

  private static TracerouteResult trace(TracerouteSpec s, String[] route, int lastType, int lastCode) {
    String last = route.length == 0 ? null : route[route.length - 1];
    InetAddress destination = s.host().literal()
        .orElse(last == null || lastType >= 0 ? DOCUMENTATION_ADDRESS : FakeAddresses.parse(last));
    boolean v6 = destination instanceof Inet6Address;
    List<Hop> hops = new ArrayList<>();
    for (int ttl = s.firstTtl(); ttl <= Math.min(s.maxHops(), route.length); ttl++) {
      String address = route[ttl - 1];
      List<HopProbe> probes = new ArrayList<>();
      for (int p = 0; p < s.probesPerHop(); p++) {
        if (address == null) {
          probes.add(HopProbe.silent());
          continue;
        }
        InetAddress from = FakeAddresses.parse(address);
        int[] answer = ttl == route.length && lastType >= 0 ? new int[] {lastType, lastCode}
            : answerFrom(from.equals(destination), s.mode(), v6);
        probes.add(new HopProbe(Optional.of(from), Optional.of(Duration.ofMillis(ttl)), answer[0], answer[1]));
      }
      Hop hop = Hop.of(ttl, probes, Optional.empty(), destination);
      s.listener().onHop(hop);
      hops.add(hop);
      if (probes.stream().anyMatch(p -> p.endsTrace(destination))) {
        break;
      }
    }
    boolean reached = hops.stream().anyMatch(Hop::reachedDestination);
    return new TracerouteResult(s, Optional.of(destination), Optional.of(PingMethod.DATAGRAM_ICMP), hops, reached, ID,
        Instant.now(), Duration.ofMillis(route.length), Optional.empty());
  }

  /** The ICMP type and code a probe gets back: time exceeded from a router; from the destination, what its mode gets. */
  private static int[] answerFrom(boolean destination, TraceMode mode, boolean v6) {
    if (!destination) {
      return v6 ? new int[] {3, 0} : new int[] {11, 0};
    }
    if (mode == TraceMode.ICMP) {
      return v6 ? new int[] {129, 0} : new int[] {0, 0};
    }
    if (mode == TraceMode.TCP) {
      return new int[] {io.netprobe.icmp.HopProbe.TCP_ANSWER, io.netprobe.icmp.HopProbe.SYN_ACK};
    }
    return v6 ? new int[] {1, 4} : new int[] {3, 3};
  }

  private static TracerouteResult failed(TracerouteSpec s, ProbeFailure f) {
    return new TracerouteResult(s, s.host().literal(), Optional.empty(), List.of(), false, ID, Instant.now(), Duration.ZERO,
        Optional.of(f));
  }
}
