package io.netprobe.icmp;

/** What a traceroute sends. Immutable enum; thread-safe. */
public enum TraceMode {
  /** UDP datagrams to high ports, like {@code traceroute}'s default. */
  UDP,
  /** ICMP echo requests, like {@code traceroute -I}. */
  ICMP
}
