package io.netprobe.edge;

import io.netprobe.http.EdgeProvider;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A published address range of a CDN's edges.
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider whose range it is
 * @param cidr the block as published, {@code 104.16.0.0/13}
 * @param publishedOn the date of the provider's list it comes from
 */
public record EdgeRange(EdgeProvider provider, String cidr, LocalDate publishedOn) {
  public EdgeRange {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(cidr, "cidr");
    Objects.requireNonNull(publishedOn, "publishedOn");
  }
}
