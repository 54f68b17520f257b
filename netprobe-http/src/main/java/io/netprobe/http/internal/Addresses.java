package io.netprobe.http.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** How addresses are written in messages: {@code 127.0.0.1:8080}, {@code [::1]:443}. Stateless; thread-safe. */
final class Addresses {
  private Addresses() {}

  static String describe(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    String host = ip == null ? address.getHostString() : io.netprobe.internal.net.HostParser.text(ip);
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
