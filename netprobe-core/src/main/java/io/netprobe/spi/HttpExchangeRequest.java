package io.netprobe.spi;

import io.netprobe.http.HttpProbeSpec;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One exchange an {@link HttpBackend} is asked to make: the probe's URL or a redirect target, the method of this
 * exchange, and the probe's options.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url the absolute http(s) URL to request
 * @param method {@code HEAD}, {@code GET} or {@code OPTIONS}; may differ from the probe's method (GET after a rejected
 *     HEAD)
 * @param options the probe's options; a backend applies {@link HttpProbeSpec#resolve()}, {@link
 *     HttpProbeSpec#insecure()}, {@link HttpProbeSpec#requestHeaders()}, {@link HttpProbeSpec#maxBodyBytes()} and
 *     {@link HttpProbeSpec#tlsImplementation()}; the probe's URL, method and redirect limit are the core's, and the
 *     deadline replaces the timeout
 */
public record HttpExchangeRequest(URI url, String method, HttpProbeSpec options) {
  private static final Set<String> METHODS = Set.of("HEAD", "GET", "OPTIONS");

  /**
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL with a host, or {@code method}
   *     is not one of HEAD, GET, OPTIONS
   */
  public HttpExchangeRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(options, "options");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getRawAuthority() == null) {
      throw new IllegalArgumentException("url must be an absolute http(s) URL with a host, was " + url);
    }
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("method must be one of " + METHODS + ", was \"" + method + "\"");
    }
  }

  /** Whether the exchange is over TLS. */
  public boolean isHttps() {
    return url.getScheme().equalsIgnoreCase("https");
  }

  /** The components as a record prints them, with user info and secret query parameters redacted. */
  @Override
  public String toString() {
    return io.netprobe.internal.RecordText.redacted(this);
  }
}
