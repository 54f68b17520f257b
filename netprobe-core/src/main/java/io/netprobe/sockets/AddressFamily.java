package io.netprobe.sockets;

import java.net.Inet6Address;
import java.net.InetAddress;

/** IPv4 or IPv6. Immutable enum; thread-safe. */
public enum AddressFamily {
  IPV4,
  IPV6;

  /** The family of an address. */
  public static AddressFamily of(InetAddress address) {
    return address instanceof Inet6Address ? IPV6 : IPV4;
  }
}
