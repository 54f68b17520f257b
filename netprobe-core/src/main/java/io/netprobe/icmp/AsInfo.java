package io.netprobe.icmp;

import java.util.Objects;
import java.util.Optional;

/**
 * The autonomous system an address belongs to, as a local IP-to-ASN file says ({@link AsnTable}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param asn the AS number
 * @param country the registry country code, when the file gives one
 * @param name the AS description, when the file gives one
 */
public record AsInfo(long asn, Optional<String> country, Optional<String> name) {
  public AsInfo {
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(name, "name");
    if (asn < 1 || asn > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("asn must be 1-4294967295, was " + asn);
    }
  }
}
