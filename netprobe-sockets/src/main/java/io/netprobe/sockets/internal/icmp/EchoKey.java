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


  /** The keys of pings and of sweeps with default options: most probes, none needing a key of its own. */
  private static final EchoKey PINGS = new EchoKey(true, false, Optional.empty(), Optional.empty());
  private static final EchoKey SWEEPS = new EchoKey(false, false, Optional.empty(), Optional.empty());

  /** The key for probes sent with {@code options}. */
  static EchoKey of(boolean transmitTimestamps, io.netprobe.icmp.SendOptions options) {
    if (!options.dontFragment() && options.sourceAddress().isEmpty() && options.sourceInterface().isEmpty()) {
      return transmitTimestamps ? PINGS : SWEEPS;
    }
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
