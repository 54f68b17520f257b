package io.netprobe.icmp;

import io.netprobe.core.Host;
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
 * @param mode UDP or ICMP probes
 * @param firstTtl the first TTL ({@code -f})
 * @param maxHops the last TTL ({@code -m})
 * @param probesPerHop probes per TTL ({@code -q})
 * @param probeTimeout how long to wait for each probe ({@code -w})
 * @param port the first UDP destination port ({@code -p}, 33434 by default)
 * @param resolveNames whether to look up reverse names of hops (off like {@code -n} by default)
 * @param listener receives hops as they complete
 * @param timeout the deadline of the whole trace
 */
public record TraceSpec(Host host, TraceMode mode, int firstTtl, int maxHops, int probesPerHop, Duration probeTimeout,
    int port, boolean resolveNames, TraceListener listener, Duration timeout) implements ProbeSpec<TraceResult> {
  public TraceSpec {
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

  public TraceSpec withHost(Host host) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  public TraceSpec withMode(TraceMode mode) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  public TraceSpec withFirstTtl(int firstTtl) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  public TraceSpec withMaxHops(int maxHops) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  public TraceSpec withProbesPerHop(int probesPerHop) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  public TraceSpec withProbeTimeout(Duration probeTimeout) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  public TraceSpec withPort(int port) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  public TraceSpec withResolveNames(boolean resolveNames) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  public TraceSpec withListener(TraceListener listener) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  public TraceSpec withTimeout(Duration timeout) {
    return new TraceSpec(host, mode, firstTtl, maxHops, probesPerHop, probeTimeout, port, resolveNames, listener,
        timeout);
  }

  @Override
  public TraceResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return new TraceResult(this, host.literal(), Optional.empty(), List.of(), false, "none", started, elapsed,
        Optional.of(failure));
  }
}
