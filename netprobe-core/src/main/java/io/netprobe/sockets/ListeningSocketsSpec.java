package io.netprobe.sockets;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a {@link io.netprobe.spi.SocketTableBackend} is asked for: the filters of a {@link ListeningSocketsRequest}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param protocols the protocols to list (never empty)
 * @param families the address families to list (never empty)
 * @param port only sockets on this local port, when present
 * @param processName only sockets owned by a process with this name, when present (implies owner lookup)
 * @param owners whether to look up the owning processes ({@code ss -p}); costs a scan of {@code /proc/*}/fd
 * @param timeout the deadline of the whole listing
 */
public record ListeningSocketsSpec(
    Set<TransportProtocol> protocols,
    Set<AddressFamily> families,
    OptionalInt port,
    Optional<String> processName,
    boolean owners,
    Duration timeout) implements ProbeSpec<ListeningSocketsResult> {

  public ListeningSocketsSpec {
    protocols = Set.copyOf(protocols);
    families = Set.copyOf(families);
    if (protocols.isEmpty() || families.isEmpty()) {
      throw new IllegalArgumentException("at least one protocol and one address family must be listed");
    }
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(processName, "processName");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** Everything: TCP and UDP, IPv4 and IPv6, with owners. */
  public static ListeningSocketsSpec all(Duration timeout) {
    return new ListeningSocketsSpec(EnumSet.allOf(TransportProtocol.class), EnumSet.allOf(AddressFamily.class),
        OptionalInt.empty(), Optional.empty(), true, timeout);
  }

  /** Whether a socket passes the protocol, family, port and process filters. */
  public boolean matches(ListeningSocket s) {
    return protocols.contains(s.protocol())
        && families.contains(s.family())
        && (port.isEmpty() || port.getAsInt() == s.port())
        && (processName.isEmpty() || s.owners().stream().anyMatch(o -> o.name().equals(processName.get())));
  }

  public ListeningSocketsSpec withProtocols(Set<TransportProtocol> protocols) {
    return new ListeningSocketsSpec(protocols, families, port, processName, owners, timeout);
  }

  public ListeningSocketsSpec withFamilies(Set<AddressFamily> families) {
    return new ListeningSocketsSpec(protocols, families, port, processName, owners, timeout);
  }

  public ListeningSocketsSpec withPort(OptionalInt port) {
    return new ListeningSocketsSpec(protocols, families, port, processName, owners, timeout);
  }

  public ListeningSocketsSpec withProcessName(Optional<String> processName) {
    return new ListeningSocketsSpec(protocols, families, port, processName, owners, timeout);
  }

  public ListeningSocketsSpec withOwners(boolean owners) {
    return new ListeningSocketsSpec(protocols, families, port, processName, owners, timeout);
  }

  public ListeningSocketsSpec withTimeout(Duration timeout) {
    return new ListeningSocketsSpec(protocols, families, port, processName, owners, timeout);
  }

  @Override
  public ListeningSocketsResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return ListeningSocketsResult.failed(this, failure, "none", started, elapsed);
  }
}
