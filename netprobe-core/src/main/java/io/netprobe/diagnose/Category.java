package io.netprobe.diagnose;

/**
 * Where a diagnosis puts the problem: the seed's question "is it the network, DNS, the CDN, or the backend?".
 *
 * <p>Immutable enum; thread-safe.
 */
public enum Category {
  /** Every layer answered. */
  OK("everything answered"),
  /** This machine's own connectivity, or the route to the host. */
  NETWORK("the network"),
  /** Name resolution. */
  DNS("DNS"),
  /** The CDN or proxy in front of the origin (e.g. Cloudflare 52x, a challenge, a redirect loop it causes). */
  EDGE("the CDN edge"),
  /** The origin server or the application behind the edge (5xx, refused, timeout). */
  ORIGIN("the origin server"),
  /** The certificate or TLS handshake. */
  TLS("TLS"),
  /** A port on this machine: nothing listens, or it listens on loopback only. */
  LOCAL_PORT("a local port"),
  /** A layer that matters could not be checked (no backend on the class path, or the deadline passed first). */
  INCONCLUSIVE("unknown: not every layer could be checked");

  private final String description;

  Category(String description) {
    this.description = description;
  }

  /** A short English phrase naming the category. */
  public String description() {
    return description;
  }
}
