package io.netprobe.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.Locale;

/**
 * What the operating system's answer to a TCP connect (or a later read or write on it) means, for every backend
 * that opens connections: the JDK reports errno values as exception types and messages ("Connection refused", "No
 * route to host", "Network is unreachable", "Connection reset", "Connection timed out"), and this is the one place
 * they become failure kinds. Stateless; thread-safe.
 */
public final class ConnectFailures {
  private ConnectFailures() {}

  /**
   * The failure kind {@code e} means: CONNECTION_REFUSED, HOST_UNREACHABLE, NETWORK_UNREACHABLE, CONNECTION_RESET,
   * PERMISSION_DENIED, RESOURCE_EXHAUSTED (out of file descriptors, ephemeral ports or buffer space: this machine's
   * limit, not the target's), TIMEOUT, else NETWORK_ERROR.
   */
  public static FailureKind kind(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (e instanceof ConnectException && message.contains("refused")) {
      return FailureKind.CONNECTION_REFUSED;
    }
    if (e instanceof NoRouteToHostException || message.contains("no route to host")
        || message.contains("host is unreachable")) {
      return FailureKind.HOST_UNREACHABLE;
    }
    if (message.contains("network is unreachable") || message.contains("network unreachable")) {
      return FailureKind.NETWORK_UNREACHABLE;
    }
    if (message.contains("connection reset")) {
      return FailureKind.CONNECTION_RESET;
    }
    if (message.contains("permission denied") || message.contains("operation not permitted")) {
      return FailureKind.PERMISSION_DENIED;
    }
    if (message.contains("too many open files") || message.contains("cannot assign requested address")
        || message.contains("no buffer space available")) {
      return FailureKind.RESOURCE_EXHAUSTED;
    }
    if (e instanceof SocketException && message.contains("timed out")) {
      return FailureKind.TIMEOUT;
    }
    return FailureKind.NETWORK_ERROR;
  }

  /** The failure of connecting to {@code target}, in netprobe's words for each kind. */
  public static ProbeFailure classify(InetSocketAddress target, IOException e) {
    String where = describe(target);
    FailureKind kind = kind(e);
    String message = switch (kind) {
      case CONNECTION_REFUSED -> where + " refused the connection (nothing listens there, or a firewall rejects it)";
      case HOST_UNREACHABLE -> where + " is unreachable: " + e.getMessage();
      case NETWORK_UNREACHABLE -> "no route to the network of " + where;
      case CONNECTION_RESET -> where + " reset the connection";
      case PERMISSION_DENIED -> "the operating system did not allow a connection to " + where + " ("
          + e.getMessage() + ")";
      case TIMEOUT -> "connecting to " + where + " timed out";
      case RESOURCE_EXHAUSTED -> "cannot connect to " + where + ": this machine ran out of file descriptors, "
          + "ephemeral ports or socket buffers (" + e.getMessage() + "); fewer probes in flight (maxInFlight) help";
      default -> "connecting to " + where + " failed: " + e;
    };
    return ProbeFailure.of(kind, message, e);
  }

  /** {@code 192.0.2.1:443}, {@code [2001:db8::1]:443}. */
  public static String describe(InetSocketAddress target) {
    String host = target.getAddress() == null ? target.getHostString() : io.netprobe.internal.net.HostParser.text(target.getAddress());
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + target.getPort();
  }
}
