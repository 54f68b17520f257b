package io.netprobe.icmp;

/**
 * Whether the packet a router quoted in its ICMP error is the packet netprobe sent, as far as the source goes.
 * A NAT on the way rewrites the probe's source address and port; a stateful NAT (Linux conntrack masquerade among
 * them) rewrites the quote back on the way home, so only a NAT that does not — stateless translators (NAT66, NPTv6),
 * many carrier-grade NATs — can be seen. Reading the quoted IP header needs a raw ICMP socket (CAP_NET_RAW); without
 * one the status is {@link #NOT_CHECKED}: the error queue of an unprivileged socket returns the quote only from the
 * transport payload on, and the kernel hands it an error only when the quoted ports already match its own. Immutable enum; thread-safe.
 */
public enum NatStatus {
  /** Not known: no raw socket to read the quote, or the router quoted too little. */
  NOT_CHECKED,
  /** The quote carries the source address and port the probe left with. */
  NONE,
  /**
   * The quote carries another source address or port (or, for {@link TraceStrategy#DUBLIN} probes, another UDP
   * checksum): a NAT between here and the router.
   */
  SOURCE_REWRITTEN
}
