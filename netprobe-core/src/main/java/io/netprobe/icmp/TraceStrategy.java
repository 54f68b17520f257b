package io.netprobe.icmp;

/**
 * How a traceroute keeps (or varies) the flow identifier that per-flow load balancers (ECMP) hash: the IP addresses,
 * the protocol and the first four octets after the IP header (UDP/TCP ports; ICMP type, code and checksum).
 * Immutable enum; thread-safe.
 */
public enum TraceStrategy {
  /**
   * {@code traceroute}'s classic probes: each UDP probe goes to the next destination port, each ICMP probe carries
   * the next sequence number (and so another checksum). Behind a load balancer successive probes may take different
   * paths, and a hop list can show routers that no single packet crosses.
   */
  CLASSIC,
  /**
   * Flow-stable probes, as Paris traceroute sends them (the default): UDP probes keep both ports and carry their
   * number in the payload, together with its one's complement so that the UDP checksum stays constant too; ICMP
   * probes append the word {@code ~sequence} so that the ICMP checksum stays constant. Every probe of a trace then
   * follows one path.
   */
  PARIS,
  /**
   * Dublin traceroute's UDP probes over IPv4: both ports fixed (one flow, as PARIS), the probe number in the IP
   * identification, so that a NAT rewriting the UDP checksum, address or port can be seen in each router's quote.
   * Writes whole IP datagrams through a raw socket: without CAP_NET_RAW the trace fails with
   * {@link io.netprobe.core.FailureKind#PERMISSION_DENIED}; for ICMP or TCP probes and IPv6 targets with
   * {@link io.netprobe.core.FailureKind#UNSUPPORTED_PLATFORM}.
   */
  DUBLIN
}
