package io.netprobe.icmp;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of traceroute: the probes sent with one TTL and who answered them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ttl the TTL (hop number)
 * @param probes every probe of this TTL in the order sent
 * @param name the reverse DNS name of the responding address, when it was looked up and found
 * @param annotation traceroute's marker for unreachable answers ({@code !H}, {@code !N}, {@code !P}, {@code !X},
 *     {@code !S}, {@code !F}, {@code !<n>}), when any
 * @param reachedDestination whether this hop is the destination itself
 */
public record Hop(int ttl, List<HopProbe> probes, Optional<String> name, Optional<String> annotation,
    boolean reachedDestination) {
  public Hop {
    probes = List.copyOf(probes);
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(annotation, "annotation");
  }

  /** The first address that answered, when any did. */
  public Optional<InetAddress> address() {
    return probes.stream().flatMap(p -> p.from().stream()).findFirst();
  }

  /** True when no probe of this TTL was answered: {@code * * *}. */
  public boolean isSilent() {
    return probes.stream().noneMatch(HopProbe::answered);
  }
}
