package io.netprobe.examples.health;

import io.netprobe.Host;
import java.util.OptionalInt;

/**
 * A {@code host}, {@code host:port} or {@code [v6]:port} as written in configuration and in {@code /probe} targets.
 *
 * <p>Immutable and thread-safe.
 */
record HostPort(Host host, OptionalInt port) {

  /** @throws IllegalArgumentException naming {@code what} when the text is not a host with an optional port */
  static HostPort parse(String what, String text) {
    String t = text.trim();
    try {
      if (t.startsWith("[")) {
        int close = t.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("missing ']'");
        }
        Host host = Host.of(t.substring(1, close));
        String rest = t.substring(close + 1);
        if (rest.isEmpty()) {
          return new HostPort(host, OptionalInt.empty());
        }
        if (!rest.startsWith(":")) {
          throw new IllegalArgumentException("text after ']' must be :port");
        }
        return new HostPort(host, OptionalInt.of(port(rest.substring(1))));
      }
      int colon = t.lastIndexOf(':');
      if (colon >= 0 && t.indexOf(':') == colon) {
        return new HostPort(Host.of(t.substring(0, colon)), OptionalInt.of(port(t.substring(colon + 1))));
      }
      return new HostPort(Host.of(t), OptionalInt.empty());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " \"" + text + "\" is not host or host:port: " + e.getMessage(), e);
    }
  }

  private static int port(String text) {
    if (!text.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException("port must be a number, was \"" + text + "\"");
    }
    int port = Integer.parseInt(text);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
    return port;
  }

  int portOr(int fallback) {
    return port.orElse(fallback);
  }
}
