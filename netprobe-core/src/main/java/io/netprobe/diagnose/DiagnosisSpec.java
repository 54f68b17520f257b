package io.netprobe.diagnose;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a diagnosis is asked: the URL and the options of a {@link DiagnosisRequest}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url the normalised http(s) URL
 * @param networkTargets the well-known addresses pinged first (empty: skip that check)
 * @param dnsServer the resolver asked instead of the system's, when set
 * @param compareResolver a second (public) resolver whose answer is compared with the first, when set
 * @param origin the origin's address, probed directly past the CDN, when set
 * @param ports local ports to report on, besides the URL's own port when the host is this machine
 * @param pingCount echo requests per ping
 * @param timeout the deadline of the whole diagnosis
 */
public record DiagnosisSpec(URI url, List<NetworkTarget> networkTargets, Optional<InetSocketAddress> dnsServer,
    Optional<InetSocketAddress> compareResolver, Optional<InetAddress> origin, List<Integer> ports, int pingCount,
    Duration timeout) implements ProbeSpec<DiagnosisResult> {

  public DiagnosisSpec {
    Objects.requireNonNull(url, "url");
    networkTargets = List.copyOf(networkTargets);
    Objects.requireNonNull(dnsServer, "dnsServer");
    Objects.requireNonNull(compareResolver, "compareResolver");
    Objects.requireNonNull(origin, "origin");
    ports = List.copyOf(ports);
    Objects.requireNonNull(timeout, "timeout");
  }

  /** The URL's port, or the scheme's default. */
  public int urlPort() {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
  /** This spec with another {@code url}. */
  public DiagnosisSpec withUrl(URI url) {
    return new DiagnosisSpec(url, networkTargets, dnsServer, compareResolver, origin, ports, pingCount, timeout);
  }

  /** This spec with another {@code networkTargets}. */
  public DiagnosisSpec withNetworkTargets(List<NetworkTarget> networkTargets) {
    return new DiagnosisSpec(url, networkTargets, dnsServer, compareResolver, origin, ports, pingCount, timeout);
  }

  /** This spec with another {@code dnsServer}. */
  public DiagnosisSpec withDnsServer(Optional<InetSocketAddress> dnsServer) {
    return new DiagnosisSpec(url, networkTargets, dnsServer, compareResolver, origin, ports, pingCount, timeout);
  }

  /** This spec with another {@code compareResolver}. */
  public DiagnosisSpec withCompareResolver(Optional<InetSocketAddress> compareResolver) {
    return new DiagnosisSpec(url, networkTargets, dnsServer, compareResolver, origin, ports, pingCount, timeout);
  }

  /** This spec with another {@code origin}. */
  public DiagnosisSpec withOrigin(Optional<InetAddress> origin) {
    return new DiagnosisSpec(url, networkTargets, dnsServer, compareResolver, origin, ports, pingCount, timeout);
  }

  /** This spec with another {@code ports}. */
  public DiagnosisSpec withPorts(List<Integer> ports) {
    return new DiagnosisSpec(url, networkTargets, dnsServer, compareResolver, origin, ports, pingCount, timeout);
  }

  /** This spec with another {@code pingCount}. */
  public DiagnosisSpec withPingCount(int pingCount) {
    return new DiagnosisSpec(url, networkTargets, dnsServer, compareResolver, origin, ports, pingCount, timeout);
  }

  /** This spec with another {@code timeout}. */
  public DiagnosisSpec withTimeout(Duration timeout) {
    return new DiagnosisSpec(url, networkTargets, dnsServer, compareResolver, origin, ports, pingCount, timeout);
  }

  /** A diagnosis starts probes of every layer and waits for them. */
  @Override
  public boolean waitsForOtherProbes() {
    return true;
  }

  /**
   * The diagnosis when the checklist could not run or did not finish: verdict INCONCLUSIVE ({@link Finding#INCOMPLETE})
   * naming the failure, no layers.
   */
  @Override
  public DiagnosisResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    Host host = Host.of(url.getHost());
    Verdict verdict = Verdict.of(Finding.INCOMPLETE, Optional.empty(), List.of(failure.kind() + ": "
        + failure.message()), url.toString(), failure.message());
    return new DiagnosisResult(url, host, verdict, List.of(), NetworkPath.direct(), List.of(), List.of(), started, elapsed,
        "none", Optional.of(failure));
  }

  /** The components as a record prints them, with user info and secret query parameters redacted. */
  @Override
  public String toString() {
    return io.netprobe.internal.RecordText.redacted(this);
  }
}
