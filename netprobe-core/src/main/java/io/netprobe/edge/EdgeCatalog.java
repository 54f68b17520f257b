package io.netprobe.edge;

import io.netprobe.http.EdgeInfo;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.OriginHint;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * netprobe's knowledge of CDN edges: which provider's published ranges hold an address, which provider a response's
 * headers give away, which provider a CNAME target belongs to, and what the headers say about the software behind
 * the edge. Every entry carries its date and source ({@link #sources()}), and the evidence of a classification names
 * the date of the range list it used, so stale knowledge shows. The shipped catalog is read once from resources next
 * to this class and never fetched at run time.
 *
 * <pre>{@code
 * EdgeCatalog edges = EdgeCatalog.shipped();
 * edges.rangeOf(InetAddress.getByName("104.21.12.115"));      // Cloudflare, 104.16.0.0/13, 2026-09-29
 * edges.providerOfCname("shop.example.global.prod.fastly.net"); // FASTLY
 * edges.classify(result.headers(), result.remote().map(InetSocketAddress::getAddress));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EdgeCatalog {
  private static final EdgeCatalog SHIPPED = new EdgeCatalog(RangeTable.shipped(), CnameSuffixes.shipped());

  private final RangeTable ranges;
  private final CnameSuffixes cnames;

  private EdgeCatalog(RangeTable ranges, CnameSuffixes cnames) {
    this.ranges = ranges;
    this.cnames = cnames;
  }

  /** The catalog shipped with netprobe. */
  public static EdgeCatalog shipped() {
    return SHIPPED;
  }

  /**
   * The CDN or proxy that sent a response, from the address it came from (a published range is strong evidence) and
   * its headers (fingerprints). With stacked edges (Cloudflare in front of Vercel) the outermost one is reported —
   * the one whose range holds the address, else the most likely outermost — and the others are named in its evidence.
   *
   * @param headers the response headers
   * @param remote the address the response came from, when known
   * @return the edge, or empty when nothing points to one
   */
  public Optional<EdgeInfo> classify(HttpHeaders headers, Optional<InetAddress> remote) {
    return HeaderFingerprints.classify(headers, remote, ranges);
  }

  /** Clues about the software behind the edge: session cookies by name (never value), {@code x-powered-by}, … */
  public List<OriginHint> originHints(HttpHeaders headers) {
    return OriginHints.detect(headers);
  }

  /** The first published range, in the shipped order, that holds {@code address}. */
  public Optional<EdgeRange> rangeOf(InetAddress address) {
    return ranges.find(address);
  }

  /** Whether {@code address} is in one of {@code provider}'s published ranges. */
  public boolean inRanges(EdgeProvider provider, InetAddress address) {
    return ranges.contains(provider, address);
  }

  /** When {@code provider} published the range list shipped here; empty when none is shipped for it. */
  public Optional<LocalDate> rangesPublishedOn(EdgeProvider provider) {
    return ranges.section(provider).map(SectionFile.Section::date);
  }

  /** How many published ranges there are, over all providers. */
  public int rangeCount() {
    return ranges.size();
  }

  /**
   * The CDN a CNAME target belongs to, by its domain: {@code shop.example.global.prod.fastly.net} is Fastly's.
   * Case and a trailing dot do not matter.
   */
  public Optional<EdgeProvider> providerOfCname(String name) {
    return cnames.providerOf(name);
  }

  /** Where each piece of knowledge comes from and its date: ranges, then header fingerprints, then CNAME domains. */
  public List<EdgeSource> sources() {
    List<EdgeSource> out = new ArrayList<>();
    ranges.sections().forEach(s -> out.add(new EdgeSource(s.provider(), EdgeSource.Kind.IP_RANGES, s.date(),
        s.source())));
    out.addAll(HeaderFingerprints.SOURCES);
    cnames.sections().forEach(s -> out.add(new EdgeSource(s.provider(), EdgeSource.Kind.CNAME_SUFFIXES, s.date(),
        s.source())));
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "EdgeCatalog[" + ranges.size() + " ranges, " + cnames.size() + " CNAME domains]";
  }
}
