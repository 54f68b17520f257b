package io.netprobe.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One request and its response: the single exchange of {@code curl -I}, or one step of {@code curl -IL}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} redacts secret header values.
 *
 * @param url the URL requested
 * @param method the method sent ({@code HEAD}, or {@code GET} after a HEAD was rejected)
 * @param status the status code
 * @param reason the reason phrase (empty for HTTP/2, which has none)
 * @param version the HTTP version of the response
 * @param headers the response headers
 * @param location the resolved {@code Location} of a redirect, when any
 * @param remote the address and port actually connected to
 * @param timings the phase timings of this exchange
 * @param tls the TLS facts, for https
 */
public record HttpHop(URI url, String method, int status, String reason, HttpVersion version, HttpHeaders headers,
    Optional<URI> location, Optional<InetSocketAddress> remote, PhaseTimings timings, Optional<TlsInfo> tls) {

  public HttpHop {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(remote, "remote");
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(tls, "tls");
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status must be between 100 and 999, was " + status);
    }
  }

  /** True for 3xx with a Location. */
  public boolean isRedirect() {
    return status >= 300 && status < 400 && location.isPresent();
  }

  /** curl's status line: {@code HTTP/2 301}. */
  public String statusLine() {
    return version.text() + " " + status + (reason.isEmpty() ? "" : " " + reason);
  }

  /** The components as a record prints them, with user info and secret query parameters redacted. */
  @Override
  public String toString() {
    return io.netprobe.internal.RecordText.redacted(this);
  }
}
