package io.netprobe.icmp;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The route to a host, as {@code traceroute -n} prints it. A trace that produced hops is a success even when it did
 * not reach the destination ({@link #reached()} says whether it did); failures are the cases with no trace at all
 * (name not found, permission denied, unsupported platform).
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec what was asked
 * @param address the destination address, when the name resolved
 * @param method how the probes were sent ({@code DATAGRAM_ICMP} covers the unprivileged error-queue path)
 * @param hops one per TTL from the first TTL up to the destination or the last TTL
 * @param reached whether the destination answered
 * @param backend the backend id
 * @param started when the trace started
 * @param elapsed how long it took
 * @param failure why there is no trace; empty on success
 * @param paths for an all-paths trace ({@link TracerouteRequest#allPaths()}), the load-balanced paths found; the
 *     hops then list, per TTL, one probe per interface seen
 */
public record TracerouteResult(TracerouteSpec spec, Optional<InetAddress> address, Optional<PingMethod> method, List<Hop> hops,
    boolean reached, String backend, Instant started, Duration elapsed, Optional<ProbeFailure> failure,
    Optional<PathGraph> paths) implements ProbeResult {
  /** A single-path trace. */
  public TracerouteResult(TracerouteSpec spec, Optional<InetAddress> address, Optional<PingMethod> method,
      List<Hop> hops, boolean reached, String backend, Instant started, Duration elapsed,
      Optional<ProbeFailure> failure) {
    this(spec, address, method, hops, reached, backend, started, elapsed, failure, Optional.empty());
  }

  public TracerouteResult {
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(method, "method");
    hops = List.copyOf(hops);
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  @Override
  public TracerouteResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
