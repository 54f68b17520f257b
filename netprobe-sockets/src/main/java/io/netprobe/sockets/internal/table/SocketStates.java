package io.netprobe.sockets.internal.table;

import io.netprobe.sockets.TransportProtocol;

/** The kernel's socket states that count as "listening" ({@code include/net/tcp_states.h}). Stateless. */
final class SocketStates {
  /** {@code TCP_CLOSE}: what an unconnected UDP socket reports ({@code UNCONN} in ss). */
  static final int CLOSE = 7;
  /** {@code TCP_LISTEN}. */
  static final int LISTEN = 10;

  private SocketStates() {}

  /** The state a listening socket of {@code protocol} is in: LISTEN for TCP, unconnected (CLOSE) for UDP. */
  static int listeningState(TransportProtocol protocol) {
    return protocol == TransportProtocol.TCP ? LISTEN : CLOSE;
  }
}
