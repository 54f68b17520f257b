package io.netprobe.sockets;

/** TCP or UDP. Immutable enum; thread-safe. */
public enum TransportProtocol {
  TCP,
  UDP
}
