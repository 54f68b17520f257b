package io.netprobe.icmp;

/**
 * Receives hops as a traceroute completes them, for progress output. Called from the probing thread, in TTL order;
 * must be quick and must not throw.
 */
@FunctionalInterface
public interface TracerouteListener {
  void onHop(Hop hop);

  /** A listener that does nothing. */
  TracerouteListener NONE = hop -> {};
}
