package io.netprobe.testing;

import io.netprobe.http.EdgeProvider;
import java.util.List;
import java.util.Map;

/**
 * Response headers each CDN or proxy really sends, as {@link FakeHttpBackend#edge} puts them on the wire: enough for
 * netprobe's edge classification to recognise the provider, nothing invented. Stateless; thread-safe.
 */
final class EdgeFingerprints {
  private EdgeFingerprints() {}

  static List<Map.Entry<String, String>> of(EdgeProvider provider) {
    switch (provider) {
      case CLOUDFLARE:
        return List.of(Map.entry("server", "cloudflare"), Map.entry("cf-ray", "8f1c2d3e4a5b6c7d-ICN"));
      case FASTLY:
        return List.of(Map.entry("x-served-by", "cache-icn1450-ICN"), Map.entry("x-cache", "MISS"),
            Map.entry("x-fastly-request-id", "5f0e6c2a9b8d7e6f"));
      case CLOUDFRONT:
        return List.of(Map.entry("via", "1.1 0f3e2d1c0b9a.cloudfront.net (CloudFront)"),
            Map.entry("x-cache", "Miss from cloudfront"), Map.entry("x-amz-cf-pop", "ICN57-P1"),
            Map.entry("x-amz-cf-id", "fake-cf-id=="));
      case AKAMAI:
        return List.of(Map.entry("server", "AkamaiGHost"));
      case VERCEL:
        return List.of(Map.entry("server", "Vercel"), Map.entry("x-vercel-id", "icn1::iad1::fake-1"),
            Map.entry("x-vercel-cache", "MISS"));
      case NETLIFY:
        return List.of(Map.entry("server", "Netlify"), Map.entry("x-nf-request-id", "01FAKE"));
      case GOOGLE:
        return List.of(Map.entry("via", "1.1 google"));
      case AZURE_FRONT_DOOR:
        return List.of(Map.entry("x-azure-ref", "0fakeAzureRef"));
      case BUNNY:
        return List.of(Map.entry("server", "BunnyCDN-KR1-1083"), Map.entry("cdn-requestid", "fake-request"));
      case KEYCDN:
        return List.of(Map.entry("server", "keycdn-engine"));
      case IMPERVA:
        return List.of(Map.entry("x-iinfo", "1-2-3 NNNN CT(0 0 0) RT(0 0) q(0 0 0 -1) r(0 0) U5"),
            Map.entry("x-cdn", "Imperva"));
      case SUCURI:
        return List.of(Map.entry("server", "Sucuri/Cloudproxy"), Map.entry("x-sucuri-id", "11005"));
      case FLY_IO:
        return List.of(Map.entry("server", "Fly/6f4c1d2 (2024-01-01)"), Map.entry("fly-request-id", "01FAKE-nrt"));
      case VARNISH:
        return List.of(Map.entry("via", "1.1 varnish (Varnish/7.4)"), Map.entry("x-varnish", "32770"));
      case OTHER_PROXY:
        return List.of(Map.entry("via", "1.1 proxy.test"));
      default:
        throw new IllegalArgumentException("no fingerprint for " + provider);
    }
  }
}
