package io.netprobe.exporter.internal.config;

import java.util.Optional;
import java.util.Set;

/**
 * Which address family a prober picks and from where it sends: blackbox's {@code preferred_ip_protocol} (ip6 by
 * default), {@code ip_protocol_fallback} (true) and {@code source_ip_address}. Immutable and thread-safe.
 *
 * @param preferred {@code ip4} or {@code ip6}
 * @param fallback whether the other family may be used when the preferred one has no address
 * @param sourceAddress the local address to send from, when set
 */
public record IpProtocol(String preferred, boolean fallback, Optional<String> sourceAddress) {
  static final Set<String> KEYS = Set.of("preferred_ip_protocol", "ip_protocol_fallback", "source_ip_address");
  public static final IpProtocol DEFAULT = new IpProtocol("ip6", true, Optional.empty());

  static IpProtocol parse(YamlBlock b) throws ConfigException {
    return parse(b, true);
  }

  /** With {@code fallbackDefault} when {@code ip_protocol_fallback} is not set (false for 0.23's grpc prober). */
  static IpProtocol parse(YamlBlock b, boolean fallbackDefault) throws ConfigException {
    String preferred = b.string("preferred_ip_protocol", "ip6");
    // Go's net package knows these spellings; blackbox maps every value but ip4 to ip6
    b.oneOf("preferred_ip_protocol", preferred, Set.of("ip4", "ip6", "tcp4", "tcp6", "udp4", "udp6"));
    return new IpProtocol(preferred.endsWith("4") ? "ip4" : "ip6", b.bool("ip_protocol_fallback", fallbackDefault),
        b.string("source_ip_address"));
  }
}
