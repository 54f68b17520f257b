package io.netprobe.http.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A loopback listener for failure cases that accepts but never answers (for a port nobody listens on, see
 * {@link io.netprobe.testing.FreePorts#tcp()}).
 */
final class LoopbackPorts {
  private LoopbackPorts() {}

  /** A listener that is never accepted: the kernel completes the handshake, then nothing ever answers. */
  static ServerSocket silent() {
    try {
      return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
