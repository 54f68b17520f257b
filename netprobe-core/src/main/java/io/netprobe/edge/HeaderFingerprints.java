package io.netprobe.edge;

import io.netprobe.http.EdgeInfo;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpHeaders;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Says which CDN or proxy answered, from the connected address (published ranges, strong evidence) and the response
 * headers (fingerprints). Stacked edges are common (Cloudflare in front of Vercel): the outermost one is reported —
 * the one whose address range matched, else the first in the order below — and the others are named in its evidence.
 * Stateless; thread-safe.
 */
final class HeaderFingerprints {
  /** When the fingerprints below were written; update it with the fingerprint of any provider you check again. */
  private static final LocalDate WRITTEN = LocalDate.of(2026, 11, 24);
  /** Where each provider documents the headers matched below. */
  static final List<EdgeSource> SOURCES = List.of(
      source(EdgeProvider.CLOUDFLARE, "https://developers.cloudflare.com/fundamentals/reference/http-headers/"),
      source(EdgeProvider.FASTLY, "https://www.fastly.com/documentation/reference/http/http-headers/"),
      source(EdgeProvider.CLOUDFRONT, "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"),
      source(EdgeProvider.AKAMAI, "https://techdocs.akamai.com/"),
      source(EdgeProvider.VERCEL, "https://vercel.com/docs/headers/response-headers"),
      source(EdgeProvider.NETLIFY, "https://docs.netlify.com/"),
      source(EdgeProvider.GOOGLE, "https://cloud.google.com/load-balancing/docs/https"),
      source(EdgeProvider.AZURE_FRONT_DOOR,
          "https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol"),
      source(EdgeProvider.BUNNY, "https://docs.bunny.net/"),
      source(EdgeProvider.KEYCDN, "https://www.keycdn.com/support/"),
      source(EdgeProvider.IMPERVA, "https://docs.imperva.com/"),
      source(EdgeProvider.SUCURI, "https://docs.sucuri.net/"),
      source(EdgeProvider.FLY_IO, "https://fly.io/docs/"),
      source(EdgeProvider.VARNISH, "https://varnish-cache.org/docs/"),
      source(EdgeProvider.OTHER_PROXY, "RFC 9110 section 7.6.3 (Via), RFC 9211 (Cache-Status)"));
  /** Most likely outermost first. */
  private static final List<EdgeProvider> ORDER = List.of(EdgeProvider.CLOUDFLARE, EdgeProvider.IMPERVA,
      EdgeProvider.SUCURI, EdgeProvider.AKAMAI, EdgeProvider.FASTLY, EdgeProvider.CLOUDFRONT,
      EdgeProvider.AZURE_FRONT_DOOR, EdgeProvider.GOOGLE, EdgeProvider.BUNNY, EdgeProvider.KEYCDN, EdgeProvider.NETLIFY,
      EdgeProvider.VERCEL, EdgeProvider.FLY_IO, EdgeProvider.VARNISH, EdgeProvider.OTHER_PROXY);
  private static final Pattern CF_RAY = Pattern.compile("^[0-9a-fA-F]+-([A-Z]{3})$");
  private static final Pattern FASTLY_NODE = Pattern.compile("cache-[a-z0-9-]+-([A-Z]{3})\\s*$");
  private static final Pattern BUNNY_SERVER = Pattern.compile("(?i)^bunnycdn-([a-z]+[0-9]*)");

  private HeaderFingerprints() {}

  /** What one provider's fingerprint matched. */
  private static final class Finding {
    final List<String> evidence = new ArrayList<>();
    @Nullable String cache;
    @Nullable String location;
    @Nullable String requestId;
    boolean byAddress;
  }

  static Optional<EdgeInfo> classify(HttpHeaders headers, Optional<InetAddress> remote, RangeTable ranges) {
    Map<EdgeProvider, Finding> found = new EnumMap<>(EdgeProvider.class);
    remote.flatMap(ranges::find).ifPresent(m -> {
      Finding f = finding(found, m.provider());
      f.byAddress = true;
      f.evidence.add("remote IP " + io.netprobe.core.Host.of(remote.get()).ascii() + " is in " + m.provider().displayName()
          + "'s published range " + m.cidr() + " (list of " + m.publishedOn() + ")");
    });
    Fingerprints.match(headers, found);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    EdgeProvider edge = found.entrySet().stream().filter(e -> e.getValue().byAddress).map(Map.Entry::getKey)
        .findFirst().orElseGet(() -> ORDER.stream().filter(found::containsKey).findFirst().orElseThrow());
    Finding chosen = found.get(edge);
    List<String> evidence = new ArrayList<>(chosen.evidence);
    for (EdgeProvider p : ORDER) {
      if (p != edge && found.containsKey(p)) {
        evidence.add("behind it: " + p.displayName() + " (" + String.join("; ", found.get(p).evidence) + ")");
      }
    }
    String cache = chosen.cache != null ? chosen.cache : genericCache(headers);
    return Optional.of(new EdgeInfo(edge, evidence, Optional.ofNullable(cache), Optional.ofNullable(chosen.location),
        Optional.ofNullable(chosen.requestId)));
  }

  private static EdgeSource source(EdgeProvider provider, String url) {
    return new EdgeSource(provider, EdgeSource.Kind.HEADER_FINGERPRINTS, WRITTEN, url);
  }

  private static Finding finding(Map<EdgeProvider, Finding> found, EdgeProvider provider) {
    return found.computeIfAbsent(provider, p -> new Finding());
  }

  private static @Nullable String genericCache(HttpHeaders headers) {
    Optional<String> rfc = headers.first("cache-status").flatMap(CacheStatus::fromCacheStatusField);
    if (rfc.isPresent()) {
      return rfc.get();
    }
    return headers.first("x-cache").flatMap(CacheStatus::normalize).orElse(null);
  }

  /** The header fingerprints of each provider. */
  private static final class Fingerprints {
    private final HttpHeaders h;
    private final Map<EdgeProvider, Finding> found;
    private final String server;
    private final String via;

    private Fingerprints(HttpHeaders h, Map<EdgeProvider, Finding> found) {
      this.h = h;
      this.found = found;
      this.server = h.first("server").orElse("");
      this.via = String.join(", ", h.all("via"));
    }

    static void match(HttpHeaders headers, Map<EdgeProvider, Finding> found) {
      Fingerprints f = new Fingerprints(headers, found);
      f.cloudflare();
      f.fastly();
      f.cloudfront();
      f.akamai();
      f.vercel();
      f.netlify();
      f.google();
      f.azure();
      f.bunny();
      f.keycdn();
      f.imperva();
      f.sucuri();
      f.fly();
      f.varnish();
      f.otherProxy();
    }

    private void cloudflare() {
      serverIs(EdgeProvider.CLOUDFLARE, "cloudflare");
      h.first("cf-ray").ifPresent(ray -> {
        Finding f = note(EdgeProvider.CLOUDFLARE, "cf-ray: " + ray);
        f.requestId = ray;
        Matcher m = CF_RAY.matcher(ray.strip());
        if (m.matches()) {
          f.location = m.group(1);
        }
      });
      h.first("cf-cache-status").ifPresent(s -> note(EdgeProvider.CLOUDFLARE, "cf-cache-status: " + s).cache =
          CacheStatus.normalize(s).orElse(null));
      h.first("cf-mitigated").ifPresent(s -> note(EdgeProvider.CLOUDFLARE, "cf-mitigated: " + s
          + " (Cloudflare answered with a challenge; the origin was not asked)"));
    }

    private void fastly() {
      h.first("x-served-by").ifPresent(s -> {
        Matcher m = FASTLY_NODE.matcher(s);
        if (m.find()) {
          Finding f = note(EdgeProvider.FASTLY, "x-served-by: " + s);
          f.location = m.group(1);
          f.cache = h.first("x-cache").flatMap(CacheStatus::normalize).orElse(null);
        }
      });
      h.first("x-fastly-request-id").ifPresent(s -> note(EdgeProvider.FASTLY, "x-fastly-request-id").requestId = s);
      present(EdgeProvider.FASTLY, "fastly-debug-digest");
      if (lower(via).contains("fastly")) {
        note(EdgeProvider.FASTLY, "via: " + via);
      }
    }

    private void cloudfront() {
      h.first("x-amz-cf-id").ifPresent(s -> note(EdgeProvider.CLOUDFRONT, "x-amz-cf-id").requestId = s);
      h.first("x-amz-cf-pop").ifPresent(s -> note(EdgeProvider.CLOUDFRONT, "x-amz-cf-pop: " + s).location =
          s.length() >= 3 ? s.substring(0, 3) : s);
      if (lower(via).contains("cloudfront")) {
        note(EdgeProvider.CLOUDFRONT, "via: " + via);
      }
      h.first("x-cache").filter(s -> lower(s).contains("cloudfront")).ifPresent(s ->
          note(EdgeProvider.CLOUDFRONT, "x-cache: " + s).cache = CacheStatus.normalize(s).orElse(null));
    }

    private void akamai() {
      if (lower(server).startsWith("akamaighost") || lower(server).startsWith("akamainetstorage")) {
        note(EdgeProvider.AKAMAI, "server: " + server);
      }
      h.first("x-akamai-request-id").ifPresent(s -> note(EdgeProvider.AKAMAI, "x-akamai-request-id").requestId = s);
      present(EdgeProvider.AKAMAI, "x-akamai-transformed");
      present(EdgeProvider.AKAMAI, "x-check-cacheable");
      h.first("x-cache").filter(s -> s.startsWith("TCP_") && lower(s).contains("akamai")).ifPresent(s ->
          note(EdgeProvider.AKAMAI, "x-cache: " + s).cache = CacheStatus.normalize(s.split(" ")[0]).orElse(null));
    }

    private void vercel() {
      serverIs(EdgeProvider.VERCEL, "vercel");
      h.first("x-vercel-id").ifPresent(s -> {
        Finding f = note(EdgeProvider.VERCEL, "x-vercel-id: " + s);
        f.requestId = s;
        f.location = s.contains("::") ? s.substring(0, s.indexOf("::")) : null;
      });
      h.first("x-vercel-cache").ifPresent(s -> note(EdgeProvider.VERCEL, "x-vercel-cache: " + s).cache =
          CacheStatus.normalize(s).orElse(null));
    }

    private void netlify() {
      serverIs(EdgeProvider.NETLIFY, "netlify");
      h.first("x-nf-request-id").ifPresent(s -> note(EdgeProvider.NETLIFY, "x-nf-request-id").requestId = s);
      h.first("cache-status").filter(s -> lower(s).contains("netlify")).ifPresent(s ->
          note(EdgeProvider.NETLIFY, "cache-status: " + s).cache = CacheStatus.fromCacheStatusField(s).orElse(null));
    }

    private void google() {
      if (lower(via).matches(".*\\b1\\.1 google\\b.*")) {
        note(EdgeProvider.GOOGLE, "via: " + via);
      }
      if (lower(server).equals("gws") || lower(server).equals("google frontend")) {
        note(EdgeProvider.GOOGLE, "server: " + server);
      }
    }

    private void azure() {
      h.first("x-azure-ref").ifPresent(s -> {
        Finding f = note(EdgeProvider.AZURE_FRONT_DOOR, "x-azure-ref");
        f.requestId = s;
        f.cache = h.first("x-cache").flatMap(CacheStatus::normalize).orElse(null);
      });
    }

    private void bunny() {
      Matcher m = BUNNY_SERVER.matcher(server);
      if (m.find()) {
        note(EdgeProvider.BUNNY, "server: " + server).location = m.group(1).toUpperCase(Locale.ROOT);
      }
      present(EdgeProvider.BUNNY, "cdn-pullzone");
      h.first("cdn-requestid").ifPresent(s -> note(EdgeProvider.BUNNY, "cdn-requestid").requestId = s);
      h.first("cdn-cache").ifPresent(s -> note(EdgeProvider.BUNNY, "cdn-cache: " + s).cache =
          CacheStatus.normalize(s).orElse(null));
    }

    private void keycdn() {
      if (lower(server).startsWith("keycdn")) {
        Finding f = note(EdgeProvider.KEYCDN, "server: " + server);
        f.location = h.first("x-edge-location").orElse(null);
        f.cache = h.first("x-cache").flatMap(CacheStatus::normalize).orElse(null);
      }
    }

    private void imperva() {
      present(EdgeProvider.IMPERVA, "x-iinfo");
      h.first("x-cdn").filter(s -> lower(s).contains("incapsula") || lower(s).contains("imperva"))
          .ifPresent(s -> note(EdgeProvider.IMPERVA, "x-cdn: " + s));
    }

    private void sucuri() {
      h.first("x-sucuri-id").ifPresent(s -> note(EdgeProvider.SUCURI, "x-sucuri-id: " + s).requestId = s);
      h.first("x-sucuri-cache").ifPresent(s -> note(EdgeProvider.SUCURI, "x-sucuri-cache: " + s).cache =
          CacheStatus.normalize(s).orElse(null));
      if (lower(server).startsWith("sucuri")) {
        note(EdgeProvider.SUCURI, "server: " + server);
      }
    }

    private void fly() {
      h.first("fly-request-id").ifPresent(s -> {
        Finding f = note(EdgeProvider.FLY_IO, "fly-request-id");
        f.requestId = s;
        int dash = s.lastIndexOf('-');
        f.location = dash >= 0 && dash < s.length() - 1 ? s.substring(dash + 1) : null;
      });
      if (lower(server).startsWith("fly/")) {
        note(EdgeProvider.FLY_IO, "server: " + server);
      }
    }

    private void varnish() {
      if (lower(via).contains("varnish")) {
        note(EdgeProvider.VARNISH, "via: " + via);
      }
      h.first("x-varnish").ifPresent(s -> {
        Finding f = note(EdgeProvider.VARNISH, "x-varnish: " + s);
        if (f.cache == null) {
          f.cache = s.strip().split("\\s+").length >= 2 ? "HIT" : "MISS"; // two transaction ids: served from cache
        }
      });
    }

    private void otherProxy() {
      boolean named = found.keySet().stream().anyMatch(p -> p != EdgeProvider.OTHER_PROXY);
      if (!via.isEmpty() && !named) {
        note(EdgeProvider.OTHER_PROXY, "via: " + via);
      }
      String s = lower(server);
      if (s.equals("envoy") || s.startsWith("awselb") || s.startsWith("squid")) {
        note(EdgeProvider.OTHER_PROXY, "server: " + server);
      }
      present(EdgeProvider.OTHER_PROXY, "x-envoy-upstream-service-time");
    }

    private void serverIs(EdgeProvider provider, String name) {
      if (lower(server).equals(name) || lower(server).startsWith(name + "/")) {
        note(provider, "server: " + server);
      }
    }

    private void present(EdgeProvider provider, String header) {
      if (h.contains(header)) {
        note(provider, header);
      }
    }

    private Finding note(EdgeProvider provider, String evidence) {
      Finding f = finding(found, provider);
      f.evidence.add(evidence);
      return f;
    }

    private static String lower(String s) {
      return s.toLowerCase(Locale.ROOT);
    }
  }
}
