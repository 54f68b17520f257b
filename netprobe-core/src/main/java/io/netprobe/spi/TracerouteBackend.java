package io.netprobe.spi;

import io.netprobe.Deadline;
import io.netprobe.icmp.TraceResult;
import io.netprobe.icmp.TraceSpec;

/**
 * Traces the route to a host. Implementations must return by the deadline with the hops found so far, call the
 * spec's listener for each hop in TTL order, and close their sockets before returning. Thread-safe.
 */
public interface TracerouteBackend extends Backend {
  TraceResult trace(TraceSpec spec, Deadline deadline);
}
