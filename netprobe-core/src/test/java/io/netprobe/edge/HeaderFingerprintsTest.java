package io.netprobe.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Host;
import io.netprobe.http.EdgeInfo;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpHeaders;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The header fingerprints and the address ranges together, as the HTTP probe classifies its final response. */
class HeaderFingerprintsTest {
  private static final EdgeCatalog CATALOG = EdgeCatalog.shipped();

  private static HttpHeaders headers(String... namesAndValues) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
    }
    return HttpHeaders.of(out);
  }

  private static Optional<InetAddress> ip(String literal) {
    return Host.of(literal).literal();
  }

  private static EdgeInfo detect(HttpHeaders h) {
    return CATALOG.classify(h, Optional.empty()).orElseThrow();
  }

  @Test
  void cloudflareByAddressAloneNamesTheRangeAndItsDate() {
    EdgeInfo e = CATALOG.classify(headers("server", "nginx"), ip("104.21.12.115")).orElseThrow();
    assertThat(e.provider()).isEqualTo(EdgeProvider.CLOUDFLARE);
    assertThat(e.evidence().get(0)).contains("104.21.12.115").contains("104.16.0.0/13").contains("2026-09-29");
  }

  @Test
  void cloudflareIpv6AndFastlyRangesMatch() {
    assertThat(CATALOG.classify(headers(), ip("2606:4700::6810:84e5")).orElseThrow().provider())
        .isEqualTo(EdgeProvider.CLOUDFLARE);
    assertThat(CATALOG.classify(headers(), ip("151.101.1.69")).orElseThrow().provider())
        .isEqualTo(EdgeProvider.FASTLY);
  }

  @Test
  void addressesOutsideEveryRangeAndPlainOriginsAreNotEdges() {
    assertThat(CATALOG.classify(headers("server", "nginx/1.22.1"), ip("127.0.0.1"))).isEmpty();
    assertThat(CATALOG.classify(headers(), ip("104.15.255.255"))).isEmpty();
    assertThat(CATALOG.classify(headers(), ip("104.32.0.0"))).isEmpty();
  }

  @Test
  void cloudflareHeadersGiveColoCacheAndChallenge() {
    EdgeInfo e = detect(headers("Server", "cloudflare", "cf-ray", "8f00000000000000-FRA", "cf-cache-status", "HIT",
        "cf-mitigated", "challenge"));
    assertThat(e.provider()).isEqualTo(EdgeProvider.CLOUDFLARE);
    assertThat(e.location()).contains("FRA");
    assertThat(e.cacheStatus()).contains("HIT");
    assertThat(e.evidence()).anySatisfy(s -> assertThat(s).contains("challenge"));
  }

  @Test
  void fastlyShieldingReportsTheEdgeNode() {
    EdgeInfo e = detect(headers("x-served-by", "cache-iad-kiad7000025-IAD, cache-fra-etou8220164-FRA",
        "x-cache", "MISS, HIT", "x-fastly-request-id", "abc", "via", "1.1 varnish"));
    assertThat(e.provider()).isEqualTo(EdgeProvider.FASTLY);
    assertThat(e.location()).contains("FRA");
    assertThat(e.cacheStatus()).contains("HIT");
    assertThat(e.requestId()).contains("abc");
  }

  @Test
  void cloudfrontAkamaiVercelNetlifyAndOthers() {
    EdgeInfo cf = detect(headers("x-cache", "RefreshHit from cloudfront", "via", "1.1 abc.cloudfront.net (CloudFront)",
        "x-amz-cf-pop", "FRA56-P5", "x-amz-cf-id", "id=="));
    assertThat(cf.provider()).isEqualTo(EdgeProvider.CLOUDFRONT);
    assertThat(cf.location()).contains("FRA");
    assertThat(cf.cacheStatus()).contains("REVALIDATED");
    assertThat(detect(headers("Server", "AkamaiGHost")).provider()).isEqualTo(EdgeProvider.AKAMAI);
    EdgeInfo vercel = detect(headers("server", "Vercel", "x-vercel-id", "fra1::iad1::x", "x-vercel-cache", "STALE"));
    assertThat(vercel.provider()).isEqualTo(EdgeProvider.VERCEL);
    assertThat(vercel.location()).contains("fra1");
    assertThat(vercel.cacheStatus()).contains("STALE");
    EdgeInfo netlify = detect(headers("server", "Netlify", "cache-status", "\"Netlify Edge\"; fwd=miss"));
    assertThat(netlify.provider()).isEqualTo(EdgeProvider.NETLIFY);
    assertThat(netlify.cacheStatus()).contains("MISS");
    assertThat(detect(headers("x-azure-ref", "0abc", "x-cache", "CONFIG_NOCACHE")).cacheStatus()).contains("DYNAMIC");
    assertThat(detect(headers("via", "1.1 google")).provider()).isEqualTo(EdgeProvider.GOOGLE);
    assertThat(detect(headers("server", "BunnyCDN-DE1-1083", "cdn-cache", "HIT")).location()).contains("DE1");
    assertThat(detect(headers("x-iinfo", "1-2-3")).provider()).isEqualTo(EdgeProvider.IMPERVA);
    assertThat(detect(headers("x-sucuri-id", "11005")).provider()).isEqualTo(EdgeProvider.SUCURI);
    assertThat(detect(headers("fly-request-id", "01H-ams")).location()).contains("ams");
  }

  @Test
  void varnishAndAnonymousProxies() {
    EdgeInfo v = detect(headers("via", "1.1 varnish (Varnish/7.1)", "x-varnish", "32770 3"));
    assertThat(v.provider()).isEqualTo(EdgeProvider.VARNISH);
    assertThat(v.cacheStatus()).contains("HIT");
    EdgeInfo squid = detect(headers("via", "1.1 proxy.corp (squid/5.7)", "x-cache", "MISS from proxy.corp"));
    assertThat(squid.provider()).isEqualTo(EdgeProvider.OTHER_PROXY);
    assertThat(squid.cacheStatus()).contains("MISS");
  }

  @Test
  void addressEvidenceWinsOverHeaderOrder() {
    EdgeInfo e = CATALOG.classify(headers("x-served-by", "cache-fra-etou8220164-FRA"), ip("104.16.1.1"))
        .orElseThrow();
    assertThat(e.provider()).isEqualTo(EdgeProvider.CLOUDFLARE);
    assertThat(e.evidence()).anySatisfy(s -> assertThat(s).startsWith("behind it: Fastly"));
  }

  @Test
  void cacheStatusNormalisation() {
    assertThat(CacheStatus.normalize("TCP_REFRESH_HIT")).contains("REVALIDATED");
    assertThat(CacheStatus.normalize("BYPASS")).contains("BYPASS");
    assertThat(CacheStatus.normalize("Miss from cloudfront")).contains("MISS");
    assertThat(CacheStatus.normalize("")).isEmpty();
    assertThat(CacheStatus.fromCacheStatusField("OriginCache; fwd=uri-miss, ExampleCDN; hit")).contains("HIT");
    assertThat(CacheStatus.fromCacheStatusField("ExampleCDN; fwd=stale")).contains("STALE");
  }

  @Test
  void shippedRangesLoad() {
    assertThat(CATALOG.rangeCount()).isEqualTo(22 + 21);
  }
}
