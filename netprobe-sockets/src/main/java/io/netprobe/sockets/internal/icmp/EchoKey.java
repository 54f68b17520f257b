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


  /** The key for probes sent with {@code options}. */
  static EchoKey of(boolean transmitTimestamps, io.netprobe.icmp.SendOptions options) {
    return new EchoKey(transmitTimestamps, options.dontFragment(), options.sourceAddress(),
        options.sourceInterface());
  }

  /** Binds {@code socket} to this key's interface ({@code SO_BINDTODEVICE}) and source address, when it names them. */
  void leaveFrom(NativeSocket socket) throws ErrnoException {
    if (device.isPresent()) {
      socket.bindToDevice(device.get());
    }
    if (source.isPresent()) {
      socket.bind(source.get());
    }
  }

  /** Whether this key is one of the two every client uses, kept while the reactor runs. */
  boolean isDefault() {
    return !dontFragment && source.isEmpty() && device.isEmpty();
  }
}
