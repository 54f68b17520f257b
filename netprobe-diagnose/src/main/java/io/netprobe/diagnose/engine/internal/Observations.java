package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.Host;
import io.netprobe.diagnose.DiagnosisSpec;
import io.netprobe.diagnose.NetworkPath;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.icmp.PingResult;
import io.netprobe.internal.SystemResolver;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.core.FailureKind;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a diagnosis saw, before it is judged: the raw outcomes of every probe. Immutable and thread-safe.
 *
 * @param spec what was asked
 * @param host the URL's host
 * @param targets the well-known addresses
 * @param hostReach ping (and TCP fallback) of the host's address, when it had one
 * @param dns the DNS layer, unless the host is an IP literal
 * @param http the probe of the URL
 * @param origin the direct probe of the origin, when one was named
 * @param otherAddress the TCP connect to the comparison resolver's address, when it gave a different one
 * @param ports the local port listing, when it applied
 * @param path the inferred path
 * @param hostIsLocal whether the host's address belongs to this machine
 */
record Observations(DiagnosisSpec spec, Host host, List<Reachability> targets, Optional<Reachability> hostReach,
    Optional<DnsObservation> dns, ProbeAttempt<HttpProbeResult> http, Optional<ProbeAttempt<HttpProbeResult>> origin,
    Optional<OtherAddress> otherAddress, Optional<PortsObservation> ports, NetworkPath path, boolean hostIsLocal) {
  private static final Set<FailureKind> UNROUTABLE = Set.of(FailureKind.HOST_UNREACHABLE,
      FailureKind.NETWORK_UNREACHABLE);
  /** How an address that no longer serves the site fails: nothing there, nothing listening, or packets dropped. */
  private static final Set<FailureKind> NOT_ANSWERING = Set.of(FailureKind.HOST_UNREACHABLE,
      FailureKind.NETWORK_UNREACHABLE, FailureKind.CONNECTION_REFUSED, FailureKind.TIMEOUT);

  /**
   * The comparison resolver's address, when the address in use does not answer and that one does: the evidence of a
   * stale answer. Resolvers legitimately disagree (CDNs answer by location), so disagreement alone is not enough.
   */
  Optional<OtherAddress> staleAnswer() {
    boolean oursFails = !siteAnswered() && http.get().flatMap(HttpProbeResult::failureKind)
        .filter(NOT_ANSWERING::contains).isPresent();
    return otherAddress.filter(o -> oursFails && o.connect().succeeded());
  }

  /** The addresses the host resolved to (the literal itself for IP hosts). */
  List<InetAddress> addresses() {
    return dns.map(DnsObservation::addresses).orElseGet(() -> host.literal().map(List::of).orElse(List.of()));
  }

  /** True when the HTTP probe got any response (even an error status, even before a later failure). */
  boolean siteAnswered() {
    return http.get().map(h -> !h.hops().isEmpty()).orElse(false);
  }

  /** The address probes connect to: the preferred one of {@link #addresses()}. */
  Optional<InetAddress> target() {
    List<InetAddress> all = addresses();
    return all.isEmpty() ? Optional.empty() : Optional.of(preferred(all));
  }

  /** IPv4 first: a machine without an IPv6 route would otherwise fail where a browser falls back. */
  static InetAddress preferred(List<InetAddress> addresses) {
    return addresses.stream().filter(a -> a instanceof java.net.Inet4Address).findFirst().orElse(addresses.get(0));
  }

  /**
   * Ping of one address and, when no echo came back, the labelled TCP connect fallback.
   *
   * @param host what was pinged
   * @param port the fallback port
   * @param ping the ping
   * @param tcp the fallback, when the ping got no reply
   */
  record Reachability(Host host, int port, ProbeAttempt<PingResult> ping,
      Optional<ProbeAttempt<TcpConnectResult>> tcp) {
    /** An echo reply, a TCP connection, or a TCP refusal (an RST proves the host answers) came back. */
    boolean reachable() {
      return ping.succeeded() || tcp.flatMap(ProbeAttempt::get).map(t -> t.isSuccess()
          || t.failureKind().filter(k -> k == FailureKind.CONNECTION_REFUSED).isPresent()).orElse(false);
    }

    /** Every probe that ran reported the host or network unreachable (an ICMP error or no route). */
    boolean unroutable() {
      List<Optional<FailureKind>> kinds = new java.util.ArrayList<>();
      ping.get().ifPresent(p -> kinds.add(p.failureKind()));
      tcp.flatMap(ProbeAttempt::get).ifPresent(t -> kinds.add(t.failureKind()));
      return !kinds.isEmpty() && kinds.stream().allMatch(k -> k.filter(UNROUTABLE::contains).isPresent());
    }

    /** True when at least one probe actually ran (a missing backend is not evidence of anything). */
    boolean probed() {
      return ping.reachedTheWire() || tcp.map(ProbeAttempt::reachedTheWire).orElse(false);
    }
  }

  /**
   * The DNS layer's outcomes.
   *
   * @param a the A lookup
   * @param aaaa the AAAA lookup
   * @param system the operating system's resolution (getaddrinfo), when the system resolver is used
   * @param compare the comparison resolver's A lookup, when one was named
   * @param addresses the addresses to use from here on: the system's when it answered, else the DNS answers
   */
  record DnsObservation(ProbeAttempt<DnsResult> a, ProbeAttempt<DnsResult> aaaa,
      Optional<SystemResolver.Resolution> system, Optional<ProbeAttempt<DnsResult>> compare,
      List<InetAddress> addresses) {

    /** The comparison resolver's preferred address, when it answered with none of the addresses in use. */
    Optional<InetAddress> otherResolversAddress() {
      List<InetAddress> theirs = compare.flatMap(ProbeAttempt::get).filter(DnsResult::isSuccess)
          .map(DnsResult::addresses).orElse(List.of());
      if (theirs.isEmpty() || addresses.isEmpty() || theirs.stream().anyMatch(addresses::contains)) {
        return Optional.empty();
      }
      return Optional.of(preferred(theirs));
    }
  }

  /**
   * A TCP connect to the address the comparison resolver gave, on the URL's port.
   *
   * @param address that address
   * @param connect the connect
   */
  record OtherAddress(InetAddress address, ProbeAttempt<TcpConnectResult> connect) {}

  /**
   * The local port listing and which ports it was asked about.
   *
   * @param listing the TCP listeners
   * @param ports the ports to report on, the URL's port first when it matters
   * @param urlPort the URL's port
   * @param urlPortMatters whether the host is this machine, so the URL's port must listen here
   */
  record PortsObservation(ProbeAttempt<ListeningSocketsResult> listing, List<Integer> ports, int urlPort,
      boolean urlPortMatters) {}
}
