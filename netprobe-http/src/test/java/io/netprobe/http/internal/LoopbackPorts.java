package io.netprobe.http.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback listeners for failure cases: a port nobody listens on, and one that accepts but never answers. */
final class LoopbackPorts {
  private LoopbackPorts() {}

  /** A port that was free a moment ago: connecting to it is refused. */
  static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A listener that is never accepted: the kernel completes the handshake, then nothing ever answers. */
  static ServerSocket silent() {
    try {
      return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
