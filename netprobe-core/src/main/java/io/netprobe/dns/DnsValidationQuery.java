package io.netprobe.dns;

import java.util.Objects;

/**
 * What a {@link io.netprobe.spi.DnsBackend} is asked to validate: a question and the trust anchors to start from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the question (the servers it names are the ones asked; system resolvers when empty)
 * @param trustAnchors DS or DNSKEY records in zone-file syntax, one per line (like {@code root.key})
 */
public record DnsValidationQuery(DnsQuery query, String trustAnchors) {
  public DnsValidationQuery {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(trustAnchors, "trustAnchors");
  }
}
