package io.netprobe.icmp;

import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link io.netprobe.spi.TracerouteBackend} is asked: {@code traceroute}'s options.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the destination
 * @param mode UDP, ICMP or TCP probes
 * @param firstTtl the first TTL ({@code -f})
 * @param maxHops the last TTL ({@code -m})
 * @param probesPerHop probes per TTL ({@code -q})
 * @param probeTimeout how long to wait for each probe ({@code -w})
 * @param port the destination port ({@code -p}; for classic UDP probes the first one): 33434 by default, 80 for
 *     TCP through {@link TracerouteRequest#mode}
 * @param resolveNames whether to look up reverse names of hops (off like {@code -n} by default)
 * @param listener receives hops as they complete
 * @param timeout the deadline of the whole trace
 * @param strategy how probes keep or vary their flow identifier ({@link TraceStrategy#PARIS} by default)
 * @param allPaths when present, enumerate every load-balanced path (MDA) with these options instead of one trace
 * @param sourcePort the source port of flow-stable UDP and TCP probes ({@code --sport}); 0 lets the system choose
 *     one per trace
 * @param ipPreference which address of a resolved name to trace to ({@code traceroute -4}/{@code -6}, or a
 *     preference with fallback); empty: the resolver's first
 */
public record TracerouteSpec(Host host, TraceMode mode, int firstTtl, int maxHops, int probesPerHop, Duration probeTimeout,
    int port, boolean resolveNames, TracerouteListener listener, Duration timeout, TraceStrategy strategy,
    Optional<MultipathOptions> allPaths, int sourcePort, Optional<IpPreference> ipPreference)
    implements ProbeSpec<TracerouteResult> {
  /** A spec without an IP preference (the resolver's first address). */
  public TracerouteSpec(Host host, TraceMode mode, int firstTtl, int maxHops, int probesPerHop, Duration probeTimeout,
      int port, boolean resolveNames, TracerouteListener listener, Duration timeout, TraceStrategy strategy,
      Optional<MultipathOptions> allPaths, int sourcePort) {
    this(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener, timeout, strategy,
        allPaths, sourcePort, Optional.empty());
  }

  /** A flow-stable ({@link TraceStrategy#PARIS}) single-path trace. */
  public TracerouteSpec(Host host, TraceMode mode, int firstTtl, int maxHops, int probesPerHop, Duration probeTimeout,
      int port, boolean resolveNames, TracerouteListener listener, Duration timeout) {
    this(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener, timeout,
        TraceStrategy.PARIS, Optional.empty(), 0);
  }

  public TracerouteSpec {
    Objects.requireNonNull(ipPreference, "ipPreference");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(allPaths, "allPaths");
    if (sourcePort < 0 || sourcePort > 65535) {
      throw new IllegalArgumentException("sourcePort must be 0-65535, was " + sourcePort);
    }
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(probeTimeout, "probeTimeout");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(timeout, "timeout");
    if (firstTtl < 1 || firstTtl > maxHops || maxHops > 255) {
      throw new IllegalArgumentException("need 1 <= firstTtl <= maxHops <= 255, was firstTtl=" + firstTtl
          + ", maxHops=" + maxHops);
    }
  }

  public TracerouteSpec withHost(Host host) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withMode(TraceMode mode) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withFirstTtl(int firstTtl) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withMaxHops(int maxHops) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withProbesPerHop(int probesPerHop) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withProbeTimeout(Duration probeTimeout) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withPort(int port) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withResolveNames(boolean resolveNames) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withListener(TracerouteListener listener) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withTimeout(Duration timeout) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withStrategy(TraceStrategy strategy) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withAllPaths(Optional<MultipathOptions> allPaths) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withIpPreference(Optional<IpPreference> ipPreference) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  public TracerouteSpec withSourcePort(int sourcePort) {
    return new TracerouteSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout, strategy, allPaths, sourcePort, ipPreference);
  }

  @Override
  public TracerouteResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return new TracerouteResult(this, host.literal(), Optional.empty(), List.of(), false, "none", started, elapsed,
        Optional.of(failure));
  }
}
