package io.netprobe.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rule and the offer of {@link TlsVersion} bounds, shared by every request that takes a minimum and a maximum
 * version (HTTP, DNS over TLS/HTTPS, gRPC, TCP conversations). Stateless; thread-safe.
 */
public final class TlsVersionRange {
  private TlsVersionRange() {}

  /** @throws IllegalArgumentException when the minimum is above the maximum */
  public static void requireOrdered(Optional<TlsVersion> min, Optional<TlsVersion> max) {
    if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
      throw new IllegalArgumentException("the minimum TLS version " + min.get() + " is above the maximum " + max.get());
    }
  }

  /** The JSSE names of the versions within the bounds, lowest first; without a bound, TLS 1.2 to TLS 1.3. */
  public static List<String> javaNames(Optional<TlsVersion> min, Optional<TlsVersion> max) {
    TlsVersion low = min.orElse(TlsVersion.TLS_1_2);
    TlsVersion high = max.orElse(TlsVersion.TLS_1_3);
    List<String> names = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      if (v.compareTo(low) >= 0 && v.compareTo(high) <= 0) {
        names.add(v.javaName());
      }
    }
    return List.copyOf(names);
  }
}
