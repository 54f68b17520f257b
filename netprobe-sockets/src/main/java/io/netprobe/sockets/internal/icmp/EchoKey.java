package io.netprobe.sockets.internal.icmp;

import java.net.InetAddress;
import java.util.Optional;

/**
 * What makes echo sockets of one family differ, so probes that agree on it share one socket: transmit timestamps
 * (pings want them, sweeps not), don't-fragment ({@code ping -M do}), and the source address or interface ({@code
 * ping -I}). TTL and payload size are per packet and need no socket of their own. Immutable.
 */
record EchoKey(boolean transmitTimestamps, boolean dontFragment, Optional<InetAddress> source,
    Optional<String> device) {

  static final EchoKey PING = new EchoKey(true, false, Optional.empty(), Optional.empty());
  static final EchoKey SWEEP = new EchoKey(false, false, Optional.empty(), Optional.empty());

  /** Whether this key is one of the two every client uses, kept while the reactor runs. */
  boolean isDefault() {
    return !dontFragment && source.isEmpty() && device.isEmpty();
  }
}
