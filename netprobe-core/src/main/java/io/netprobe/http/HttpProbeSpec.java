package io.netprobe.http;

import io.netprobe.core.Redaction;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an HTTP probe is asked: the URL and the options of {@code curl -I}. The core follows the URL and the redirect
 * options; every exchange passes the spec to the {@link io.netprobe.spi.HttpBackend} in an
 * {@link io.netprobe.spi.HttpExchangeRequest} for the options that apply to one exchange.
 *
 * <p>Immutable and thread-safe.
 *
 * @param url the normalised http(s) URL
 * @param method the method to send first ({@code HEAD} by default)
 * @param maxRedirects how many redirects to follow; 0 reports the first response like {@code curl -I}
 * @param insecure whether to complete the exchange even when certificate verification fails ({@code -k}); the
 *     problems are still reported
 * @param resolve fixed addresses for host names, like {@code curl --resolve host:port:addr}; the keys are lower-case
 *     ASCII host names
 * @param requestHeaders extra request headers, in order
 * @param maxBodyBytes how much of a body to read at most when GET is used
 * @param timeout the deadline of the whole probe, redirects included
 * @param tlsImplementation which TLS implementation performs the handshakes ({@link TlsImplementation#AUTO} by
 *     default)
 * @param options the options beyond {@code curl -I}: body, credentials, proxy, certificates, assertions, …
 */
public record HttpProbeSpec(URI url, String method, int maxRedirects, boolean insecure,
    Map<String, List<InetAddress>> resolve, List<Map.Entry<String, String>> requestHeaders, int maxBodyBytes,
    Duration timeout, TlsImplementation tlsImplementation, HttpOptions options) implements ProbeSpec<HttpProbeResult> {

  /** The default for {@link #maxBodyBytes()}: enough for an error page's first lines. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

  public HttpProbeSpec {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(method, "method");
    resolve = Map.copyOf(resolve);
    requestHeaders = List.copyOf(requestHeaders);
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(tlsImplementation, "tlsImplementation");
    Objects.requireNonNull(options, "options");
    if (maxRedirects < 0 || maxRedirects > 50) {
      throw new IllegalArgumentException("maxRedirects must be between 0 and 50, was " + maxRedirects);
    }
  }

  /** A spec with no option beyond {@code curl -I} ({@link HttpOptions#NONE}). */
  public HttpProbeSpec(URI url, String method, int maxRedirects, boolean insecure,
      Map<String, List<InetAddress>> resolve, List<Map.Entry<String, String>> requestHeaders, int maxBodyBytes,
      Duration timeout, TlsImplementation tlsImplementation) {
    this(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation,
        HttpOptions.NONE);
  }

  /**
   * How many body bytes a backend reads at most: one more than {@link HttpOptions#bodySizeLimit()} when set (to
   * see an overflow), {@link HttpOptions#DEFAULT_ASSERTION_BODY_BYTES} for body assertions, else
   * {@link #maxBodyBytes()}.
   */
  public long bodyReadLimit() {
    if (options.bodySizeLimit() > 0) {
      return options.bodySizeLimit() + 1;
    }
    return options.needsBody() ? Math.max(maxBodyBytes, HttpOptions.DEFAULT_ASSERTION_BODY_BYTES) : maxBodyBytes;
  }

  /** This spec with other {@code options}. */
  public HttpProbeSpec withOptions(HttpOptions options) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** Whether redirects are followed ({@code -L}). */
  public boolean followRedirects() {
    return maxRedirects > 0;
  }

  /** This spec with another {@code url}. */
  public HttpProbeSpec withUrl(URI url) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** This spec with another {@code method}. */
  public HttpProbeSpec withMethod(String method) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** This spec with another {@code maxRedirects}. */
  public HttpProbeSpec withMaxRedirects(int maxRedirects) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** This spec with another {@code insecure}. */
  public HttpProbeSpec withInsecure(boolean insecure) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** This spec with another {@code resolve}. */
  public HttpProbeSpec withResolve(Map<String, List<InetAddress>> resolve) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** This spec with another {@code requestHeaders}. */
  public HttpProbeSpec withRequestHeaders(List<Map.Entry<String, String>> requestHeaders) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** This spec with another {@code maxBodyBytes}. */
  public HttpProbeSpec withMaxBodyBytes(int maxBodyBytes) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** This spec with another {@code timeout}. */
  public HttpProbeSpec withTimeout(Duration timeout) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** This spec with another {@code tlsImplementation}. */
  public HttpProbeSpec withTlsImplementation(TlsImplementation tlsImplementation) {
    return new HttpProbeSpec(url, method, maxRedirects, insecure, resolve, requestHeaders, maxBodyBytes, timeout, tlsImplementation, options);
  }

  /** The result of a probe that could not run or did not finish: no response, only {@code failure}. */
  @Override
  public HttpProbeResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return new HttpProbeResult(this, List.of(), false, Optional.empty(), List.of(), "none", started, elapsed,
        Optional.of(failure));
  }

  /** The spec with secret request header values ({@code Authorization}, cookies, tokens) redacted. */
  @Override
  public String toString() {
    StringBuilder headers = new StringBuilder("[");
    for (Map.Entry<String, String> h : requestHeaders) {
      if (headers.length() > 1) {
        headers.append(", ");
      }
      headers.append(h.getKey()).append(": ").append(HttpHeaders.redactedValue(h.getKey(), h.getValue()));
    }
    headers.append(']');
    return "HttpProbeSpec[url=" + Redaction.url(url.toString()) + ", method=" + method + ", maxRedirects=" + maxRedirects + ", insecure="
        + insecure + ", resolve=" + resolve + ", requestHeaders=" + headers + ", maxBodyBytes=" + maxBodyBytes
        + ", timeout=" + timeout + ", tlsImplementation=" + tlsImplementation + ", options=" + options + "]";
  }
}
