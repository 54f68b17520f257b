package io.netprobe.diagnose;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a diagnosis is asked: the URL and the options of a {@link DiagnoseRequest}.
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
public record DiagnoseSpec(URI url, List<NetworkTarget> networkTargets, Optional<InetSocketAddress> dnsServer,
    Optional<InetSocketAddress> compareResolver, Optional<InetAddress> origin, List<Integer> ports, int pingCount,
    Duration timeout) {

  public DiagnoseSpec {
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
}
