package io.netprobe.diagnose;

/**
 * The layers of the outage checklist, in the order a diagnosis judges them.
 *
 * <p>Immutable enum; thread-safe.
 */
public enum Layer {
  /** Basic connectivity: ping well-known addresses and the host (TCP connect as a labelled fallback). */
  NETWORK("network"),
  /** A and AAAA (and CNAME) records: {@code dig}. */
  DNS("DNS"),
  /** The site's answer through whatever is in front of it: {@code curl -IL}. */
  HTTP("HTTP"),
  /** The origin asked directly, past the CDN: {@code curl -I --resolve host:port:origin}. */
  ORIGIN("origin"),
  /** Listening ports of this machine: {@code ss -tulnp}. */
  LOCAL_PORTS("local ports");

  private final String displayName;

  Layer(String displayName) {
    this.displayName = displayName;
  }

  /** The English name used in reports. */
  public String displayName() {
    return displayName;
  }
}
