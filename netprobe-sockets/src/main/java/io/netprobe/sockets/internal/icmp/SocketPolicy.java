package io.netprobe.sockets.internal.icmp;

/** Which ICMP sockets a backend may open. Immutable enum; thread-safe. */
enum SocketPolicy {
  /** A datagram ICMP socket when ping_group_range allows it, else a raw one (like iputils ping). */
  AUTO,
  /** Only datagram ICMP sockets. */
  DATAGRAM_ONLY,
  /** Only raw ICMP sockets. */
  RAW_ONLY
}
