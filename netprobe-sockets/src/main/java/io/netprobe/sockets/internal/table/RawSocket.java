package io.netprobe.sockets.internal.table;

import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.TransportProtocol;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One socket as a kernel table reports it, before owners are looked up: what the netlink and {@code /proc/net}
 * parsers both produce. Immutable; thread-safe.
 *
 * @param interfaceIndex the {@code SO_BINDTODEVICE} interface index, 0 when not bound to a device (or unknown)
 * @param receiveQueue TCP LISTEN: current accept queue; UDP: bytes queued for reading
 * @param sendQueue TCP LISTEN: maximum accept queue (netlink only, 0 from /proc); UDP: bytes queued for sending
 * @param v6Only {@code IPV6_V6ONLY} of an IPv6 socket when the source reports it (netlink), else empty
 */
record RawSocket(
    TransportProtocol protocol,
    AddressFamily family,
    InetAddress address,
    int port,
    int interfaceIndex,
    long receiveQueue,
    long sendQueue,
    OptionalLong uid,
    long inode,
    Optional<Boolean> v6Only) {

  RawSocket {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(v6Only, "v6Only");
  }
}
