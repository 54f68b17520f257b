package io.netprobe.diagnose;

import io.netprobe.core.Host;
import java.util.Objects;

/**
 * A well-known address pinged to tell "is this machine online at all?", with the TCP port used as the fallback when
 * ICMP is not answered or not permitted.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the address or name
 * @param tcpPort the port for the TCP connect fallback (443 for public resolvers, which serve DNS over HTTPS)
 */
public record NetworkTarget(Host host, int tcpPort) {
  public NetworkTarget {
    Objects.requireNonNull(host, "host");
    if (tcpPort < 1 || tcpPort > 65535) {
      throw new IllegalArgumentException("TCP fallback port must be between 1 and 65535, was " + tcpPort);
    }
  }

  @Override
  public String toString() {
    return host.ascii();
  }
}
