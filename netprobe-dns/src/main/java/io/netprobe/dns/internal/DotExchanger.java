package io.netprobe.dns.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.ConnectFailures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import javax.annotation.Nullable;

/**
 * What a failed DNS over TLS or HTTPS socket means, for {@link DotConnections} and {@link EncryptedTransport}.
 * Stateless; thread-safe.
 */
final class DotExchanger {
  private DotExchanger() {}

  /** A failure of the socket itself: a source address the machine does not have, refused, unreachable, … */
  static ProbeFailure socketFailure(IOException e, InetSocketAddress server, @Nullable InetAddress local,
      String over) {
    if (e instanceof java.net.BindException && local != null) {
      return SourceAddress.notOwned(local, e);
    }
    FailureKind kind = ConnectFailures.kind(e);
    String what = kind == FailureKind.CONNECTION_REFUSED ? ": connection refused over " + over
        : " over " + over + ": " + e.getMessage();
    return ProbeFailure.of(kind, "communications error to " + Endpoints.describe(server) + what, e);
  }

  static void closeQuietly(java.net.Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing is all we can do
    }
  }
}
