package io.netprobe.http;

/** CDNs and proxies that netprobe recognises in front of an origin. Immutable enum; thread-safe. */
public enum EdgeProvider {
  CLOUDFLARE("Cloudflare"),
  FASTLY("Fastly"),
  CLOUDFRONT("Amazon CloudFront"),
  AKAMAI("Akamai"),
  VERCEL("Vercel"),
  NETLIFY("Netlify"),
  GOOGLE("Google Cloud CDN / Front End"),
  AZURE_FRONT_DOOR("Azure Front Door"),
  BUNNY("Bunny CDN"),
  KEYCDN("KeyCDN"),
  IMPERVA("Imperva (Incapsula)"),
  SUCURI("Sucuri"),
  FLY_IO("Fly.io"),
  VARNISH("Varnish cache"),
  /** A proxy that identified itself only through {@code Via} or similar headers. */
  OTHER_PROXY("a proxy");

  private final String displayName;

  EdgeProvider(String displayName) {
    this.displayName = displayName;
  }

  public String displayName() {
    return displayName;
  }
}
