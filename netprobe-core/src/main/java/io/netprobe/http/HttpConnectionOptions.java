package io.netprobe.http;

import io.netprobe.core.Host;
import java.util.Objects;
import java.util.Optional;

/**
 * How an HTTP probe's connections are made beyond the address: the TLS server name, the TLS versions offered,
 * whether HTTP/2 may be negotiated and whether HTTP/3 is used. Set them with
 * {@link HttpProbeRequest#serverName(String)}, {@link HttpProbeRequest#tlsVersions(TlsVersion, TlsVersion)},
 * {@link HttpProbeRequest#http2(boolean)} and {@link HttpProbeRequest#http3(boolean)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param serverName the name sent as SNI and verified in the certificate, instead of the URL's host
 *     (blackbox's {@code tls_config.server_name}); used for the probe's own host only, not for a redirect to another
 * @param minTlsVersion the lowest TLS version offered; empty for the TLS library's default (at least TLS 1.2)
 * @param maxTlsVersion the highest TLS version offered; empty for the TLS library's highest
 * @param http2 whether HTTP/2 may be negotiated over TLS (ALPN); false offers HTTP/1.1 only
 *     ({@code curl --http1.1}, blackbox's {@code enable_http2: false})
 * @param http3 whether every exchange is made over HTTP/3 on QUIC (UDP), with TLS 1.3 and no fallback to TCP
 *     ({@code curl --http3-only}, blackbox's {@code enable_http3}); {@link #http2()} does not apply then
 */
public record HttpConnectionOptions(Optional<String> serverName, Optional<TlsVersion> minTlsVersion,
    Optional<TlsVersion> maxTlsVersion, boolean http2, boolean http3) {

  /** The defaults: the URL's host, the library's TLS versions, HTTP/2 allowed, no HTTP/3. */
  public static final HttpConnectionOptions DEFAULT = new HttpConnectionOptions(Optional.empty(), Optional.empty(),
      Optional.empty(), true, false);

  /** Options without HTTP/3. */
  public HttpConnectionOptions(Optional<String> serverName, Optional<TlsVersion> minTlsVersion,
      Optional<TlsVersion> maxTlsVersion, boolean http2) {
    this(serverName, minTlsVersion, maxTlsVersion, http2, false);
  }

  /**
   * @throws IllegalArgumentException when {@code serverName} is not a host name, or the minimum version is above
   *     the maximum
   */
  public HttpConnectionOptions {
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(minTlsVersion, "minTlsVersion");
    Objects.requireNonNull(maxTlsVersion, "maxTlsVersion");
    serverName = serverName.map(n -> {
      Host h = Host.of(n);
      if (h.isLiteral()) {
        throw new IllegalArgumentException("serverName must be a host name (SNI carries no address), was " + n);
      }
      return h.ascii();
    });
    TlsVersionRange.requireOrdered(minTlsVersion, maxTlsVersion);
  }

  public HttpConnectionOptions withServerName(Optional<String> serverName) {
    return new HttpConnectionOptions(serverName, minTlsVersion, maxTlsVersion, http2, http3);
  }

  public HttpConnectionOptions withTlsVersions(Optional<TlsVersion> min, Optional<TlsVersion> max) {
    return new HttpConnectionOptions(serverName, min, max, http2, http3);
  }

  public HttpConnectionOptions withHttp2(boolean http2) {
    return new HttpConnectionOptions(serverName, minTlsVersion, maxTlsVersion, http2, http3);
  }

  public HttpConnectionOptions withHttp3(boolean http3) {
    return new HttpConnectionOptions(serverName, minTlsVersion, maxTlsVersion, http2, http3);
  }
}
