package io.netprobe.edge;

import io.netprobe.http.EdgeProvider;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Where one piece of the {@link EdgeCatalog}'s knowledge about a provider comes from, and how old it is.
 *
 * <p>Immutable and thread-safe.
 *
 * @param provider the CDN or proxy
 * @param kind which kind of knowledge
 * @param asOf for {@link Kind#IP_RANGES} the date the provider published its list; otherwise the date the entries
 *     were written or last checked against the source
 * @param source where to check them again (a URL, or an RFC)
 */
public record EdgeSource(EdgeProvider provider, Kind kind, LocalDate asOf, String source) {

  /** The three kinds of edge knowledge. Immutable enum; thread-safe. */
  public enum Kind {
    /** Published address ranges of the edges. */
    IP_RANGES,
    /** Response headers that give the provider away ({@code server: cloudflare}, {@code x-served-by}, …). */
    HEADER_FINGERPRINTS,
    /** Domains of the CNAME targets the provider hands out ({@code cdn.cloudflare.net}, {@code fastly.net}, …). */
    CNAME_SUFFIXES
  }

  public EdgeSource {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(source, "source");
  }
}
