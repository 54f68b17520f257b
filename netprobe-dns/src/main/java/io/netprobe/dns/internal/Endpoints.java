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

  /**
   * Why a reply could not be read, for a message: dnsjava's words when it has some (escaped), else the exception's
   * kind — a compression loop, for one, comes without a message, and "(null)" tells nobody anything.
   */
  static String reason(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName()
        : io.netprobe.core.Redaction.display(message);
  }
}
