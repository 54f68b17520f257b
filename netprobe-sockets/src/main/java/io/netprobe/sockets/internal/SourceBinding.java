package io.netprobe.sockets.internal;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import javax.annotation.Nullable;

/** Binds a probe's socket to the source address asked for, with the typed failure when it cannot. Stateless. */
final class SourceBinding {
  private SourceBinding() {}

  /** Binds {@code ch} to {@code source} (any port); the failure when this machine cannot, else null. */
  static @Nullable ProbeFailure bind(SocketChannel ch, InetAddress source) throws IOException {
    try {
      ch.bind(new InetSocketAddress(source, 0));
      return null;
    } catch (BindException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("cannot assign requested address")) {
        return ProbeFailure.of(FailureKind.NETWORK_ERROR, "cannot connect from " + source.getHostAddress()
            + ": this machine has no such address", e);
      }
      if (message.contains("address already in use")) {
        return ProbeFailure.of(FailureKind.RESOURCE_EXHAUSTED, "cannot connect from " + source.getHostAddress()
            + ": no free local port on it", e);
      }
      return ProbeFailure.of(FailureKind.NETWORK_ERROR, "cannot bind to " + source.getHostAddress() + ": "
          + e.getMessage(), e);
    } catch (java.nio.channels.UnsupportedAddressTypeException e) {
      return ProbeFailure.of(FailureKind.NETWORK_ERROR, "cannot connect from " + source.getHostAddress()
          + ": not of the target's address family", e);
    }
  }
}
