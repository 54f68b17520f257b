package io.netprobe.text;

import io.netprobe.icmp.AsInfo;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.NatStatus;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * {@code traceroute}'s text for a {@link TracerouteResult}: the first line, one line per hop ({@code -n} unless the trace
 * resolved names), line by line for output that follows hops as they arrive, and the one-line summary. Stateless;
 * thread-safe.
 */
public final class TracerouteText {
  private TracerouteText() {}

  /**
   * traceroute's whole output: {@link #headerLine}, one {@link #hopLine(Hop, boolean)} per hop (with names when the
   * trace looked them up), and netprobe's failure reason last ({@code traceroute: TIMEOUT: …}); for an all-paths
   * trace, {@link PathsText#render}.
   */
  public static String render(TracerouteResult r) {
    if (r.paths().isPresent()) {
      return PathsText.render(r);
    }
    String header = r.address().map(a -> headerLine(r.spec(), a)).orElseGet(() -> headerLine(r.spec()));
    StringBuilder sb = new StringBuilder(header).append('\n');
    for (Hop hop : r.hops()) {
      sb.append(hopLine(hop, r.spec().resolveNames())).append('\n');
    }
    r.failure().ifPresent(f -> sb.append("traceroute: ").append(Formats.failure(f)).append('\n'));
    return sb.toString();
  }

  /**
   * The first line before the address is known: for a literal target what {@code traceroute -n} prints
   * ({@link #headerLine(TracerouteSpec, InetAddress)}); for a name {@code traceroute to example.com, 30 hops max}.
   */
  public static String headerLine(TracerouteSpec spec) {
    return spec.host().literal().map(a -> headerLine(spec, a)).orElseGet(() -> String.format(Locale.ROOT,
        "traceroute to %s, %d hops max", spec.host().input(), spec.maxHops()));
  }

  /**
   * traceroute's first line: {@code traceroute to example.com (192.0.2.1), 30 hops max, 60 byte packets} — the host as
   * written, the address traced (compressed, with its zone: {@code fe80::1%eth0}), and the size of each probe with its
   * IP header (32 bytes of payload, as traceroute sends: 60 bytes over IPv4, 80 over IPv6; a TCP probe is a
   * 24-byte SYN with an MSS option: 44 and 64 bytes).
   */
  public static String headerLine(TracerouteSpec spec, InetAddress address) {
    int packet = (address instanceof Inet6Address ? 40 : 20) + (spec.mode() == io.netprobe.icmp.TraceMode.TCP ? 24
        : 8 + 32);
    return String.format(Locale.ROOT, "traceroute to %s (%s), %d hops max, %d byte packets", spec.host().input(),
        spec.host().isLiteral() ? spec.host().ascii() : Formats.address(address), spec.maxHops(), packet);
  }

  /** A hop as {@code traceroute -n} prints it: {@code  3  10.0.0.1  0.412 ms  0.398 ms *}. */
  public static String hopLine(Hop hop) {
    return hopLine(hop, false);
  }

  /**
   * A hop as traceroute prints it: {@code  3  10.0.0.1  0.412 ms …} with {@code -n}; with names on, the first
   * responder as {@code name (address)}, the address standing in for a name it has none. Silent probes are
   * {@code *}; {@code [NAT]} follows a responder whose quote shows the probe's source translated, and an MPLS
   * label stack follows it as {@code traceroute -e} prints it; the hop's annotation
   * ({@code !H}, {@code !N}, …) comes last.
   */
  public static String hopLine(Hop hop, boolean names) {
    return hopLine(hop, names, new NoAsns());
  }

  /**
   * Like {@link #hopLine(Hop, boolean)}, with each responder's AS as {@code traceroute -A} prints it
   * ({@code  [AS64500]}, {@code  [*]} when {@code asns} knows none), e.g. from an {@link io.netprobe.icmp.AsnTable}.
   */
  public static String hopLine(Hop hop, boolean names, Function<InetAddress, Optional<AsInfo>> asns) {
    boolean withAsns = !(asns instanceof NoAsns);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%2d ", hop.ttl()));
    @Nullable InetAddress last = null;
    for (HopProbe p : hop.probes()) {
      if (!p.answered()) {
        sb.append(" *");
        continue;
      }
      InetAddress from = p.from().orElseThrow();
      if (!from.equals(last)) {
        if (names) {
          String name = last == null ? hop.name().orElse(Formats.address(from)) : Formats.address(from);
          sb.append(' ').append(name).append(" (").append(Formats.address(from)).append(')');
        } else {
          sb.append(' ').append(Formats.address(from));
        }
        last = from;
        if (withAsns) {
          sb.append(asns.apply(from).map(a -> " [AS" + a.asn() + "]").orElse(" [*]"));
        }
        if (p.nat() == NatStatus.SOURCE_REWRITTEN) {
          sb.append(" [NAT]");
        }
        sb.append(mpls(p));
      }
      sb.append("  ").append(Formats.ms(p.rtt().orElse(Duration.ZERO))).append(" ms");
    }
    hop.annotation().ifPresent(a -> sb.append(' ').append(a));
    return sb.toString();
  }

  /** No AS column at all (rather than {@code [*]} everywhere). */
  private static final class NoAsns implements Function<InetAddress, Optional<AsInfo>> {
    @Override
    public Optional<AsInfo> apply(InetAddress a) {
      return Optional.empty();
    }
  }

  /**
   * The label stack an answer quoted (RFC 4950), as {@code traceroute -e} prints it:
   * {@code  <MPLS:L=24001,E=0,S=1,T=1>}, one per entry; empty without one.
   */
  static String mpls(HopProbe p) {
    StringBuilder sb = new StringBuilder();
    p.extensions().ifPresent(e -> e.mplsLabels().forEach(l -> sb.append(String.format(Locale.ROOT,
        " <MPLS:L=%d,E=%d,S=%d,T=%d>", l.label(), l.trafficClass(), l.bottomOfStack() ? 1 : 0, l.ttl()))));
    return sb.toString();
  }

  /**
   * One line: {@code reached 192.0.2.1 in 3 hops}, or {@code 192.0.2.1 not reached in 30 hops, last answer from
   * hop 2 (10.0.0.2)}, with the failure when there is one.
   */
  public static String summary(TracerouteResult r) {
    String target = r.address().map(Formats::address).orElse(r.spec().host().ascii());
    List<Hop> hops = r.hops();
    int ttl = hops.isEmpty() ? 0 : hops.get(hops.size() - 1).ttl();
    String hopCount = ttl + (ttl == 1 ? " hop" : " hops");
    StringBuilder sb = new StringBuilder();
    if (r.reached()) {
      sb.append("reached ").append(target).append(" in ").append(hopCount);
    } else {
      sb.append(target).append(" not reached in ").append(hopCount);
      for (int i = hops.size() - 1; i >= 0; i--) {
        Hop h = hops.get(i);
        if (h.address().isPresent()) {
          sb.append(", last answer from hop ").append(h.ttl()).append(" (")
              .append(Formats.address(h.address().get())).append(')');
          break;
        }
      }
    }
    r.failure().ifPresent(f -> sb.append(" — ").append(Formats.failure(f)));
    return sb.toString();
  }
}
