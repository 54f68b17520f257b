package io.netprobe.spi;

import io.netprobe.core.Deadline;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import java.util.concurrent.CompletableFuture;

/**
 * Traces the route to a host. Implementations must return by the deadline with the hops found so far, call the
 * spec's listener for each hop in TTL order, and close their sockets before returning. Thread-safe.
 *
 * <p>A backend does transport: it sends probes and records who answered each with which ICMP type and code. Where
 * the trace ends ({@link io.netprobe.icmp.HopProbe#endsTrace}) and what a hop means — reached, {@code !H}, {@code
 * !N}… ({@link io.netprobe.icmp.Hop#of}) — are core's, for every backend and the fake alike.
 */
public interface TracerouteBackend extends Backend {
  TracerouteResult trace(TracerouteSpec spec, Deadline deadline);

  /**
   * {@link #trace} without a thread waiting: the future completes by the deadline. This default runs {@link #trace}
   * on the engine's bounded blocking executor; backends built on the engine override it.
   */
  default CompletableFuture<TracerouteResult> traceAsync(TracerouteSpec spec, Deadline deadline,
      ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> trace(spec, deadline), engine.blocking());
  }
}
