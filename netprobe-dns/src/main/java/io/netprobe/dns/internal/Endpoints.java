package io.netprobe.dns.internal;

import java.net.InetSocketAddress;

/** How dig names a server in its output: {@code 127.0.0.1#53}. Stateless; thread-safe. */
final class Endpoints {
  private Endpoints() {}

  static String describe(InetSocketAddress server) {
    String host = server.getAddress() == null ? server.getHostString() : server.getAddress().getHostAddress();
    int percent = host.indexOf('%');
    if (percent >= 0) {
      host = host.substring(0, percent);
    }
    return host + "#" + server.getPort();
  }
}
