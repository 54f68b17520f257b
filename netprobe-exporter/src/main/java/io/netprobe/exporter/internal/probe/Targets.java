package io.netprobe.exporter.internal.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** How blackbox reads a target per prober. Stateless and thread-safe. */
final class Targets {
  /** Compiled once: a port is checked per probe. */
  private static final java.util.regex.Pattern PORT = java.util.regex.Pattern.compile("[0-9]{1,5}");
  /**
   * A host and port.
   *
   * @param host the host, IPv6 without brackets
   * @param port the port, -1 when none was given
   */
  record HostPort(String host, int port) {}

  private Targets() {}

  /** {@code host:port}, {@code [v6]:port} or (when {@code portRequired} is false) a bare host. */
  static HostPort hostPort(String target, boolean portRequired) {
    String t = target.trim();
    String host;
    int port = -1;
    if (t.startsWith("[")) {
      int close = t.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("target " + quote(t) + " has '[' without ']'");
      }
      host = t.substring(1, close);
      String rest = t.substring(close + 1);
      if (rest.startsWith(":")) {
        port = port(rest.substring(1), t);
      } else if (!rest.isEmpty()) {
        throw new IllegalArgumentException("target " + quote(t) + " has text after ']'");
      }
    } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
      host = t.substring(0, t.indexOf(':'));
      port = port(t.substring(t.indexOf(':') + 1), t);
    } else {
      host = t;
    }
    if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
      throw new IllegalArgumentException("target " + quote(t) + " is not host[:port]");
    }
    if (portRequired && port < 0) {
      throw new IllegalArgumentException("dial tcp: address " + t + ": missing port in address");
    }
    return new HostPort(host, port);
  }

  /** blackbox's http target: {@code http://} is prepended unless the target starts with a scheme. */
  static URI httpUrl(String target) {
    String t = target.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      t = "http://" + t;
    }
    try {
      URI u = new URI(t);
      if (u.getHost() == null) {
        throw new IllegalArgumentException("target " + quote(target) + " has no host");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("could not parse target URL " + quote(target) + ": " + e.getReason(), e);
    }
  }

  /** Whether {@code s} is written like a port: one to five digits. */
  static boolean looksLikePort(String s) {
    return PORT.matcher(s).matches();
  }

  private static int port(String s, String t) {
    if (!looksLikePort(s) || Integer.parseInt(s) > 65535) {
      throw new IllegalArgumentException("target " + quote(t) + " has no valid port");
    }
    return Integer.parseInt(s);
  }

  static String quote(String s) {
    return io.netprobe.exporter.internal.config.YamlBlock.quote(s);
  }
}
