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

  /**
   * The hop that {@code probes} make, judged as traceroute judges it — the one place every backend and fake does:
   * the annotation is the first answer's {@code !H}, {@code !N}, … (when any), and the hop reached the destination
   * when {@code destination} itself answered with anything but time exceeded.
   *
   * @param ttl the TTL of the probes
   * @param probes every probe of this TTL in the order sent
   * @param name the reverse name of the responder, when looked up and found
   * @param destination the address traced to
   */
  public static Hop of(int ttl, List<HopProbe> probes, Optional<String> name, InetAddress destination) {
    String annotation = probes.stream().map(HopProbe::annotation).filter(a -> !a.isEmpty()).findFirst().orElse("");
    boolean reached = probes.stream().anyMatch(p -> p.reaches(destination));
    return new Hop(ttl, probes, name, annotation.isEmpty() ? Optional.empty() : Optional.of(annotation), reached);
  }

  /** The first address that answered, when any did. */
  public Optional<InetAddress> address() {
    return probes.stream().flatMap(p -> p.from().stream()).findFirst();
  }

  /** The MPLS label stack the first answer that carried one quoted (RFC 4950); empty when none did. */
  public List<MplsLabel> mplsLabels() {
    return probes.stream().flatMap(p -> p.extensions().stream()).map(IcmpExtensions::mplsLabels)
        .filter(l -> !l.isEmpty()).findFirst().orElse(List.of());
  }

  /** The interfaces the answers described (RFC 5837), without repeats. */
  public List<InterfaceInfo> interfaces() {
    return probes.stream().flatMap(p -> p.extensions().stream()).flatMap(e -> e.interfaces().stream()).distinct()
        .toList();
  }

  /**
   * Whether a NAT rewrote the probes' source before this hop: {@link NatStatus#SOURCE_REWRITTEN} when any answer's
   * quote says so, {@link NatStatus#NONE} when checked answers all carry the source sent, else not checked.
   */
  public NatStatus nat() {
    NatStatus seen = NatStatus.NOT_CHECKED;
    for (HopProbe p : probes) {
      if (p.nat() == NatStatus.SOURCE_REWRITTEN) {
        return p.nat();
      }
      if (p.nat() == NatStatus.NONE) {
        seen = NatStatus.NONE;
      }
    }
    return seen;
  }

  /** The distinct addresses that answered, in the order first seen: more than one when probes took other paths. */
  public List<InetAddress> addresses() {
    return probes.stream().flatMap(p -> p.from().stream()).distinct().toList();
  }

  /** True when no probe of this TTL was answered: {@code * * *}. */
  public boolean isSilent() {
    return probes.stream().noneMatch(HopProbe::answered);
  }
}
