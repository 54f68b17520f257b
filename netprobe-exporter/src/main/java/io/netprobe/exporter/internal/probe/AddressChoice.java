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

  /**
   * Resolves {@code host} (an IP literal or a name) on this thread and records the gauges; empty when no address
   * fits.
   */
  static Optional<InetAddress> choose(String host, IpProtocol ip, MetricSet m, ProbeLog log) {
    long t0 = start(host, ip, m, log);
    try {
      return finish(host, ip, InetAddress.getAllByName(host), t0, m, log);
    } catch (UnknownHostException e) {
      return failed(host, e.getMessage(), t0, m, log);
    }
  }

  /** Records the gauges blackbox registers before looking up, and logs the lookup; returns its start time. */
  static long start(String host, IpProtocol ip, MetricSet m, ProbeLog log) {
    m.gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6", 0);
    m.gauge("probe_ip_addr_hash", "Specifies the hash of IP address. It's useful to detect if the IP address changes.",
        0);
    log.info("Resolving target address target=" + host + " ip_protocol=" + ip.preferred());
    return System.nanoTime();
  }

  /** The address chosen from {@code all}, with the lookup's time and the chosen address's gauges. */
  static Optional<InetAddress> finish(String host, IpProtocol ip, InetAddress[] all, long t0, MetricSet m,
      ProbeLog log) {
    Optional<InetAddress> chosen = Optional.empty();
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
      return failed(host, "\"unable to find ip; no fallback\"", t0, m, log);
    }
    lookupTime(t0, m);
    InetAddress a = chosen.get();
    m.gauge("probe_ip_protocol", "Specifies whether probe ip protocol is IP4 or IP6",
        a instanceof Inet6Address ? 6 : 4);
    m.gauge("probe_ip_addr_hash", "Specifies the hash of IP address. It's useful to detect if the IP address "
        + "changes.", hash(a));
    log.info("Resolved target address target=" + host + " ip=" + a.getHostAddress());
    return chosen;
  }

  /** No address: the lookup's time (blackbox records it on failure too) and why, in the log. */
  static Optional<InetAddress> failed(String host, String error, long t0, MetricSet m, ProbeLog log) {
    log.error("Resolution with IP protocol failed target=" + host + " err=" + error);
    lookupTime(t0, m);
    return Optional.empty();
  }

  private static void lookupTime(long t0, MetricSet m) {
    m.seconds("probe_dns_lookup_time_seconds", "Returns the time taken for probe dns lookup in seconds",
        Duration.ofNanos(System.nanoTime() - t0));
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
