package io.netprobe.diagnose.engine.internal;

import io.netprobe.internal.net.HostParser;
import io.netprobe.diagnose.engine.internal.Observations.PortsObservation;
import io.netprobe.sockets.Exposure;
import io.netprobe.sockets.ListeningSocket;
import io.netprobe.sockets.ListeningSocketsResult;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether one local port listens, and who can reach it: the seed's {@code 0.0.0.0:8000} versus
 * {@code 127.0.0.1:3306}. Immutable and thread-safe.
 *
 * @param port the port
 * @param sockets its TCP listeners
 * @param kind not listening, loopback only, or reachable from outside
 */
record PortState(int port, List<ListeningSocket> sockets, Kind kind) {
  enum Kind { NOT_LISTENING, LOOPBACK_ONLY, EXPOSED }

  static List<PortState> of(PortsObservation ports, ListeningSocketsResult listing) {
    List<PortState> out = new ArrayList<>();
    for (int port : ports.ports()) {
      List<ListeningSocket> sockets = listing.onPort(port);
      Kind kind = sockets.isEmpty() ? Kind.NOT_LISTENING
          : sockets.stream().allMatch(s -> s.exposure() == Exposure.LOOPBACK) ? Kind.LOOPBACK_ONLY : Kind.EXPOSED;
      out.add(new PortState(port, sockets, kind));
    }
    return out;
  }

  /**
   * Whether a connection to {@code target} on this port reaches one of its listeners: one bound to the wildcard of
   * the target's family (an IPv6 wildcard also takes IPv4 unless it is v6-only), or to the target itself.
   */
  boolean acceptsOn(InetAddress target) {
    for (ListeningSocket s : sockets) {
      if (s.address().equals(target)) {
        return true;
      }
      if (s.address().isAnyLocalAddress()) {
        boolean v6Wildcard = s.address() instanceof Inet6Address;
        boolean v6Target = target instanceof Inet6Address;
        if (v6Wildcard == v6Target || (v6Wildcard && !s.v6Only().orElse(false))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The addresses it is bound to, e.g. {@code 127.0.0.1, ::1}. */
  String boundAddresses() {
    return sockets.stream().map(s -> HostParser.format(s.address())).distinct().collect(Collectors.joining(", "));
  }
}
