package io.netprobe.health.config;

import io.netprobe.core.Host;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A host with an optional port, as check definitions write a tcp target or a DNS server: {@code db.internal:5432},
 * {@code 127.0.0.1}, {@code [::1]:53}, {@code ::1} (an IPv6 literal takes a port only in brackets).
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the host name or IP literal
 * @param port the port, when one was written
 */
public record HostPort(Host host, OptionalInt port) {

  /** @throws IllegalArgumentException when the port is outside 1–65535 */
  public HostPort {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(port, "port");
    if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port.getAsInt());
    }
  }

  /**
   * Parses {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}.
   *
   * @param what the name of the setting, for the error message
   * @throws IllegalArgumentException naming {@code what}, the text and the rule it breaks
   */
  public static HostPort parse(String what, String text) {
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

  /** The port, or {@code fallback} when none was written. */
  public int portOr(int fallback) {
    return port.orElse(fallback);
  }

  /** As written in a definition: {@code host}, {@code host:port} or {@code [v6]:port}. */
  @Override
  public String toString() {
    return port.isEmpty() ? host.ascii() : host.uriHost() + ":" + port.getAsInt();
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
}
