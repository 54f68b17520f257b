package io.netprobe.spi;

import io.netprobe.http.HttpProbeSpec;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One exchange an {@link HttpBackend} is asked to make: the probe's URL or a redirect target, the method of this
 * exchange, and the probe's options.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url the absolute http(s) URL to request
 * @param method an HTTP method token ({@code HEAD}, {@code GET}, {@code POST}, …); may differ from the probe's method
 *     (GET after a rejected HEAD, or after a 303)
 * @param options the probe's options; a backend applies {@link HttpProbeSpec#resolve()}, {@link
 *     HttpProbeSpec#insecure()}, {@link HttpProbeSpec#requestHeaders()}, {@link HttpProbeSpec#maxBodyBytes()} and
 *     {@link HttpProbeSpec#tlsImplementation()}, {@link HttpProbeSpec#bodyReadLimit()} and the transport options of
 *     {@link HttpProbeSpec#options()} (auth, proxy, client certificate, CA file, source address, compression); the
 *     probe's URL, method, redirect limit, address choice and assertions are the core's, and the deadline replaces
 *     the timeout
 */
public record HttpExchangeRequest(URI url, String method, HttpProbeSpec options) {
  private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Z-]+");

  /**
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL with a host, or {@code method}
   *     is not an upper-case HTTP token
   */
  public HttpExchangeRequest {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(options, "options");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getRawAuthority() == null) {
      throw new IllegalArgumentException("url must be an absolute http(s) URL with a host, was " + url);
    }
    if (!TOKEN.matcher(method).matches()) {
      throw new IllegalArgumentException("method must be an upper-case HTTP token, was "
          + io.netprobe.core.Redaction.display(method));
    }
  }

  /**
   * The content to send: the probe's body when this exchange uses the probe's own method (not a GET after a 303 or
   * a rejected HEAD).
   */
  public java.util.Optional<io.netprobe.http.HttpRequestBody> body() {
    return method.equals(options.method()) ? options.options().body() : java.util.Optional.empty();
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
