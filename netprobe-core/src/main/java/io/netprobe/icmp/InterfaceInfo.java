package io.netprobe.icmp;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An interface a router described in an ICMP extension (RFC 5837 Interface Information object): which of its
 * interfaces it is talking about and whatever of index, address, name and MTU it chose to include.
 *
 * <p>Immutable and thread-safe.
 *
 * @param role which interface: the one the probe arrived on, a sub-IP component of it, the one it would have left
 *     by, or the IP next hop
 * @param ifIndex the router's ifIndex, when included
 * @param address an IP address of the interface, when included
 * @param name the interface name, when included
 * @param mtu the interface MTU, when included
 */
public record InterfaceInfo(Role role, OptionalInt ifIndex, Optional<InetAddress> address, Optional<String> name,
    OptionalInt mtu) {
  public InterfaceInfo {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(ifIndex, "ifIndex");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mtu, "mtu");
  }

  /** The interface role, from the two high bits of the object's C-Type. Immutable enum; thread-safe. */
  public enum Role {
    INCOMING,
    SUB_IP,
    OUTGOING,
    NEXT_HOP
  }
}
