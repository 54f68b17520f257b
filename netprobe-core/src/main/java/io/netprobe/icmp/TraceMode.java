package io.netprobe.icmp;

/** What a traceroute sends. Immutable enum; thread-safe. */
public enum TraceMode {
  /** UDP datagrams to high ports, like {@code traceroute}'s default. */
  UDP,
  /** ICMP echo requests, like {@code traceroute -I}. */
  ICMP,
  /**
   * TCP SYN segments to a port (80 by default), like {@code traceroute -T}: routers answer with time exceeded, the
   * destination with SYN-ACK (open port) or RST (closed), so a trace passes firewalls that let that port through.
   * Writing TCP headers needs a raw socket (CAP_NET_RAW); without one the trace fails with
   * {@link io.netprobe.core.FailureKind#PERMISSION_DENIED}.
   */
  TCP
}
