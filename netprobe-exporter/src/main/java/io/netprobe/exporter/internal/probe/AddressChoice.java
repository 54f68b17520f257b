package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.IpProtocol;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * blackbox's {@code chooseProtocol}: one lookup, one address — the first of the preferred family, else (with
 * fallback) the last of the other — and the three gauges it registers before looking up: {@code probe_ip_protocol},
 * {@code probe_ip_addr_hash} (0 when no address) and {@code probe_dns_lookup_time_seconds} (also on failure).
 * Stateless and thread-safe.
 */
final class AddressChoice {
  private AddressChoice() {}

  /** Resolves {@code host} (an IP literal or a name) and records the gauges; empty when no address fits. */
  static Optional<InetAddress> choose(String host, IpProtocol ip, MetricSet m, ProbeLog log) {
    m.gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6", 0);
    m.gauge("probe_ip_addr_hash", "Specifies the hash of IP address. It's useful to detect if the IP address changes.",
        0);
    long t0 = System.nanoTime();
    Optional<InetAddress> chosen = Optional.empty();
    try {
      log.info("Resolving target address target=" + host + " ip_protocol=" + ip.preferred());
      InetAddress[] all = InetAddress.getAllByName(host);
      boolean want6 = ip.preferred().equals("ip6");
      for (InetAddress a : all) {
        if (want6 ? a instanceof Inet6Address : a instanceof Inet4Address) {
          chosen = Optional.of(a);
          break;
        }
      }
      if (chosen.isEmpty() && ip.fallback()) {
        for (InetAddress a : all) {
          chosen = Optional.of(a);
        }
      }
      if (chosen.isEmpty()) {
        log.error("Resolution with IP protocol failed target=" + host + " err=\"unable to find ip; no fallback\"");
      }
    } catch (UnknownHostException e) {
      log.error("Resolution with IP protocol failed target=" + host + " err=" + e.getMessage());
    }
    Duration lookup = Duration.ofNanos(System.nanoTime() - t0);
    m.seconds("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds", lookup);
    chosen.ifPresent(a -> {
      m.gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6",
          a instanceof Inet6Address ? 6 : 4);
      m.gauge("probe_ip_addr_hash", "Specifies the hash of IP address. It's useful to detect if the IP address "
          + "changes.", hash(a));
      log.info("Resolved target address target=" + host + " ip=" + a.getHostAddress());
    });
    return chosen;
  }

  /** FNV-1a (32 bit) over the address's 4 or 16 bytes. */
  static long hash(InetAddress address) {
    long hash = 0x811c9dc5L;
    for (byte b : address.getAddress()) {
      hash ^= b & 0xff;
      hash = (hash * 0x01000193L) & 0xffffffffL;
    }
    return hash;
  }

  /** An address for a URL or {@code host:port}: IPv6 in brackets. */
  static String literal(InetAddress a) {
    return a instanceof Inet6Address ? "[" + a.getHostAddress().replaceAll("%.*", "") + "]" : a.getHostAddress();
  }
}
