package io.netprobe.exporter.internal.config;

import java.util.HashSet;
import java.util.Set;

/**
 * blackbox's {@code icmp} prober block. Immutable and thread-safe.
 *
 * @param ip address family and source
 * @param payloadSize payload bytes, 0 for blackbox's 28-byte default
 * @param dontFragment set DF (raw IPv4 only)
 * @param ttl the TTL of the echo request
 */
public record IcmpOptions(IpProtocol ip, int payloadSize, boolean dontFragment, int ttl) {
  static final Set<String> KEYS = keys();
  public static final IcmpOptions DEFAULT = new IcmpOptions(IpProtocol.DEFAULT, 0, false, 64);

  private static Set<String> keys() {
    Set<String> k = new HashSet<>(IpProtocol.KEYS);
    k.addAll(Set.of("payload_size", "dont_fragment", "ttl"));
    return Set.copyOf(k);
  }

  static IcmpOptions parse(YamlBlock b) throws ConfigException {
    if (b.has("ttl")) {
      long ttl = b.integer("ttl", 64, Long.MIN_VALUE, Long.MAX_VALUE);
      if (ttl < 0) {
        throw b.error("ttl", "\"ttl\" cannot be negative");
      }
      if (ttl > 255) {
        throw b.error("ttl", "\"ttl\" cannot exceed 255");
      }
    }
    return new IcmpOptions(IpProtocol.parse(b), (int) b.integer("payload_size", 0, 0, 65_000),
        b.bool("dont_fragment", false), (int) b.integer("ttl", 64, 0, 255));
  }
}
