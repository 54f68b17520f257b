package io.netprobe.icmp;

/** How a ping was sent. Immutable enum; thread-safe. */
public enum PingMethod {
  /** An unprivileged datagram ICMP socket ({@code SOCK_DGRAM, IPPROTO_ICMP}): Linux within ping_group_range, macOS. */
  DATAGRAM_ICMP(true),
  /** A raw ICMP socket: needs root or CAP_NET_RAW. */
  RAW_ICMP(true),
  /** Not ICMP: a TCP connect to a port, timed. Used only when the caller allows it and ICMP is not permitted. */
  TCP_CONNECT(false);

  private final boolean icmp;

  PingMethod(boolean icmp) {
    this.icmp = icmp;
  }

  /** False for the TCP fallback, which measures something else and must be labelled so. */
  public boolean isIcmp() {
    return icmp;
  }
}
