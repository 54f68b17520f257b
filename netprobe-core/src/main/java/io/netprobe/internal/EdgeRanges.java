package io.netprobe.internal;

import io.netprobe.edge.EdgeCatalog;
import io.netprobe.http.EdgeProvider;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The old home of the CDN address ranges, now a view of {@link EdgeCatalog#shipped()}; kept only until the
 * diagnosis's path inference reads the catalog itself, then to be deleted. Immutable; thread-safe.
 */
public final class EdgeRanges {
  /** A provider's published range that contains an address, and the date of that provider's list. */
  public record Match(EdgeProvider provider, String cidr, LocalDate publishedOn) {}

  private static final EdgeRanges SHIPPED = new EdgeRanges(EdgeCatalog.shipped());

  private final EdgeCatalog catalog;

  private EdgeRanges(EdgeCatalog catalog) {
    this.catalog = catalog;
  }

  /** The ranges shipped with netprobe; use {@link EdgeCatalog#shipped()}. */
  public static EdgeRanges shipped() {
    return SHIPPED;
  }

  /** Use {@link EdgeCatalog#rangeOf(InetAddress)}. */
  public Optional<Match> find(InetAddress address) {
    return catalog.rangeOf(address).map(r -> new Match(r.provider(), r.cidr(), r.publishedOn()));
  }

  /** Use {@link EdgeCatalog#inRanges(EdgeProvider, InetAddress)}. */
  public boolean contains(EdgeProvider provider, InetAddress address) {
    return catalog.inRanges(provider, address);
  }

  /** Use {@link EdgeCatalog#rangesPublishedOn(EdgeProvider)}. */
  public Optional<LocalDate> publishedOn(EdgeProvider provider) {
    return catalog.rangesPublishedOn(provider);
  }

  /** Use {@link EdgeCatalog#rangeCount()}. */
  public int size() {
    return catalog.rangeCount();
  }
}
