package io.netprobe.sockets;

import io.netprobe.core.Host;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One listening TCP socket or unconnected UDP socket: a line of {@code ss -tulnp}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param protocol TCP or UDP
 * @param family IPv4 or IPv6 (of the socket, not of the clients it accepts)
 * @param address the local address it is bound to ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1}, …)
 * @param port the local port
 * @param exposure who can reach it, derived from the address and bound device
 * @param receiveQueue for TCP LISTEN: connections waiting in the accept queue; for UDP: bytes waiting to be read
 * @param sendQueue for TCP LISTEN: the accept queue's maximum (the listen backlog); for UDP: bytes waiting to be sent
 * @param owners the processes that hold it (several when a socket is shared, e.g. nginx master and workers); empty
 *     when they could not be found, see {@code ownersUnknownReason}
 * @param ownersUnknownReason why the owners are empty although they were asked for (permission denied, another PID
 *     namespace): the {@link OwnersUnknownReason#description()} of one {@link OwnersUnknownReason}, see
 *     {@link #ownersUnknownKind()}; empty when owners were found or not asked for
 * @param uid the user id that created the socket, when known
 * @param inode the socket's inode number (links the socket to {@code /proc/PID/fd} entries)
 * @param boundDevice the device the socket is bound to ({@code SO_BINDTODEVICE}, {@code %eth0} in ss), when any
 * @param v6Only for IPv6 wildcard sockets: whether IPv4 clients are excluded ({@code IPV6_V6ONLY}); empty when
 *     unknown or not applicable. A {@code ::} socket with v6only off also accepts IPv4 connections
 */
public record ListeningSocket(
    TransportProtocol protocol,
    AddressFamily family,
    InetAddress address,
    int port,
    Exposure exposure,
    long receiveQueue,
    long sendQueue,
    List<SocketOwner> owners,
    Optional<String> ownersUnknownReason,
    OptionalLong uid,
    long inode,
    Optional<String> boundDevice,
    Optional<Boolean> v6Only) {

  /**
   * The order of {@link ListeningSocketsResult#sockets()}: protocol (TCP first), port, family (IPv4 first), address
   * bytes, inode.
   */
  public static final Comparator<ListeningSocket> TABLE_ORDER = Comparator
      .comparing(ListeningSocket::protocol)
      .thenComparingInt(ListeningSocket::port)
      .thenComparing(ListeningSocket::family)
      .thenComparing((a, b) -> Arrays.compareUnsigned(a.address().getAddress(), b.address().getAddress()))
      .thenComparingLong(ListeningSocket::inode);

  public ListeningSocket {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(exposure, "exposure");
    owners = List.copyOf(owners);
    Objects.requireNonNull(ownersUnknownReason, "ownersUnknownReason");
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(boundDevice, "boundDevice");
    Objects.requireNonNull(v6Only, "v6Only");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
  }

  /** The local address and port. */
  public InetSocketAddress localAddress() {
    return new InetSocketAddress(address, port);
  }

  /**
   * The exposure that a socket bound to {@code address} (and, when not null, to a device) has: wildcard without a
   * device is {@link Exposure#ALL_INTERFACES}, any loopback address is {@link Exposure#LOOPBACK}, everything else
   * {@link Exposure#SPECIFIC_ADDRESS}.
   */
  public static Exposure exposureOf(InetAddress address, Optional<String> boundDevice) {
    if (address.isLoopbackAddress()) {
      return Exposure.LOOPBACK;
    }
    if (address.isAnyLocalAddress()) {
      if (boundDevice.isEmpty()) {
        return Exposure.ALL_INTERFACES;
      }
      return boundDevice.get().equals("lo") ? Exposure.LOOPBACK : Exposure.SPECIFIC_ADDRESS;
    }
    return Exposure.SPECIFIC_ADDRESS;
  }

  /** {@link #ownersUnknownReason()} as a kind to branch on; empty when owners are known or were not asked for. */
  public Optional<OwnersUnknownReason> ownersUnknownKind() {
    return ownersUnknownReason.flatMap(OwnersUnknownReason::fromDescription);
  }

  /** The owner names joined with commas, e.g. {@code nginx,nginx}; empty when unknown. */
  public String ownerNames() {
    return String.join(",", owners.stream().map(SocketOwner::name).distinct().toList());
  }

  /**
   * {@code ss}-style text: {@code tcp 0.0.0.0:8000 ALL_INTERFACES [SocketOwner[pid=812, name=python, fd=3]]}, or
   * {@code … owners unknown: PERMISSION_DENIED}.
   */
  @Override
  public String toString() {
    String host = address instanceof Inet6Address ? "[" + Host.of(address).ascii() + "]" : Host.of(address).ascii();
    return protocol.name().toLowerCase(java.util.Locale.ROOT) + " " + host + boundDevice.map(d -> "%" + d).orElse("")
        + ":" + port + " " + exposure + (owners.isEmpty() ? "" : " " + owners)
        + ownersUnknownKind().map(r -> " owners unknown: " + r).orElse("");
  }
}
