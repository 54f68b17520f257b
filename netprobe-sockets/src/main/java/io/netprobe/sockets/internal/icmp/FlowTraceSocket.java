package io.netprobe.sockets.internal.icmp;

import java.net.InetAddress;

/**
 * A trace socket that can send a probe on one of many flows, each flow keeping its own constant identifier (the
 * fields a per-flow load balancer hashes), for the all-paths trace ({@link MdaTrace}). Probe numbers stay unique
 * across flows, so answers are matched by probe alone. Not thread-safe.
 */
interface FlowTraceSocket extends TraceSocket {

  /** Sends probe {@code probe} (0–65535) with {@code ttl} on flow {@code flow} (0 is the flow of {@link #send}). */
  int send(InetAddress target, int probe, int ttl, int flow);
}
