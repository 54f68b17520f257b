package io.netprobe.core;

import java.net.Inet6Address;
import java.net.InetAddress;

/** IPv4 or IPv6, as blackbox_exporter's {@code preferred_ip_protocol} names them. Immutable enum; thread-safe. */
public enum IpProtocol {
  /** IPv4 ({@code ip4}). */
  IP4,
  /** IPv6 ({@code ip6}). */
  IP6;

  /** The protocol of {@code address}. */
  public static IpProtocol of(InetAddress address) {
    return address instanceof Inet6Address ? IP6 : IP4;
  }

  /** The other protocol. */
  public IpProtocol other() {
    return this == IP4 ? IP6 : IP4;
  }

  /**
   * {@code ip4}/{@code ip6} (also {@code 4}, {@code 6}, {@code ipv4}, {@code ipv6}, any case).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static IpProtocol parse(String text) {
    switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "ip4": case "ipv4": case "4":
        return IP4;
      case "ip6": case "ipv6": case "6":
        return IP6;
      default:
        throw new IllegalArgumentException("IP protocol must be ip4 or ip6, was " + Redaction.display(text));
    }
  }
}
