package io.netprobe.dns.internal;

import io.netprobe.internal.net.HostParser;
import java.net.InetSocketAddress;

/** How dig names a server in its output: {@code 127.0.0.1#53}. Stateless; thread-safe. */
final class Endpoints {
  private Endpoints() {}

  static String describe(InetSocketAddress server) {
    String host = server.getAddress() == null ? server.getHostString() : HostParser.format(server.getAddress());
    return host + "#" + server.getPort();
  }
}
