package io.netprobe.http;

import io.netprobe.core.Redaction;
import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP probe, configured like {@code curl -I}.
 *
 * <pre>{@code
 * Probes.http("https://google.com").run().status();                          // curl -I → 301
 * Probes.http("https://google.com").followRedirects().run();                 // curl -IL
 * Probes.http("https://quizai.juwonpark.me").resolve("quizai.juwonpark.me", "203.0.113.7").run(); // --resolve
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpProbeRequest implements ProbeRequest<HttpProbeResult, HttpProbeRequest> {
  /** How many redirects {@link #followRedirects()} follows, like curl's default of 50 but kinder. */
  public static final int DEFAULT_MAX_REDIRECTS = 10;

  private static final Set<String> METHODS = Set.of("HEAD", "GET", "OPTIONS");

  private final ProbeRunner runner;
  private final HttpProbeSpec spec;

  private HttpProbeRequest(ProbeRunner runner, HttpProbeSpec spec) {
    this.runner = runner;
    this.spec = spec;
  }

  /**
   * Use {@code ProbeClient.http(String)}.
   *
   * @throws IllegalArgumentException when {@code url} is not a valid http(s) URL
   */
  public static HttpProbeRequest create(ProbeRunner runner, String url) {
    return new HttpProbeRequest(runner, new HttpProbeSpec(Validate.httpUrl(url), "HEAD", 0, false, Map.of(),
        List.of(), HttpProbeSpec.DEFAULT_MAX_BODY_BYTES, runner.timeout(), TlsImplementation.AUTO));
  }

  /**
   * The method to send: {@code HEAD} (default), {@code GET} or {@code OPTIONS}. A probe never sends a body.
   *
   * @throws IllegalArgumentException for other methods
   */
  public HttpProbeRequest method(String method) {
    String upper = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
    if (!METHODS.contains(upper)) {
      throw new IllegalArgumentException("method must be one of " + METHODS + ", was " + Validate.quote(method));
    }
    return with(spec.withMethod(upper));
  }

  /** Follows up to {@value #DEFAULT_MAX_REDIRECTS} redirects, recording each ({@code curl -IL}). */
  public HttpProbeRequest followRedirects() {
    return maxRedirects(DEFAULT_MAX_REDIRECTS);
  }

  /**
   * Follows up to {@code n} redirects; 0 reports the first response ({@code curl -I}, the default).
   *
   * @throws IllegalArgumentException outside 0–50
   */
  public HttpProbeRequest maxRedirects(int n) {
    Validate.inRange("maxRedirects", n, 0, 50);
    return with(spec.withMaxRedirects(n));
  }

  /** Completes the exchange even when certificate verification fails ({@code curl -k}); problems are still reported. */
  public HttpProbeRequest insecure() {
    return with(spec.withInsecure(true));
  }

  /**
   * Which TLS implementation makes the handshakes: {@link TlsImplementation#AUTO} (the default: Conscrypt when it
   * loads here, else the JDK), {@link TlsImplementation#CONSCRYPT}, or {@link TlsImplementation#JDK} to see exactly
   * what a plain Java client in this JVM would negotiate. {@link TlsInfo#implementation()} says which one did.
   *
   * @throws IllegalArgumentException when {@code implementation} is null
   */
  public HttpProbeRequest tls(TlsImplementation implementation) {
    Objects.requireNonNull(implementation, "implementation");
    return with(spec.withTlsImplementation(implementation));
  }

  /**
   * Connects to {@code address} whenever {@code host} is to be resolved, keeping the host name for SNI and the
   * {@code Host} header ({@code curl --resolve host:port:address}): the way to ask an origin directly, past its CDN.
   *
   * @throws IllegalArgumentException when {@code host} is not a host name or {@code address} not an IP literal
   */
  public HttpProbeRequest resolve(String host, String address) {
    Host name = Host.of(host);
    if (name.isLiteral()) {
      throw new IllegalArgumentException("resolve() maps a host name to an address; \"" + host + "\" is an address");
    }
    InetAddress ip = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException("resolve() needs an IP address to connect to, not \"" + address + "\""));
    Map<String, List<InetAddress>> resolve = new HashMap<>(spec.resolve());
    resolve.put(name.ascii(), List.of(ip));
    return with(spec.withResolve(resolve));
  }

  /**
   * Adds a request header ({@code curl -H}).
   *
   * @throws IllegalArgumentException for names that are not HTTP tokens, values with line breaks or other characters
   *     outside printable ASCII, or {@code Host}
   */
  public HttpProbeRequest header(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw new IllegalArgumentException("header name must be an HTTP token, was " + Validate.quote(name));
    }
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header value for " + name + " must not contain line breaks");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\t' && (c < 0x20 || c > 0x7e)) {
        throw new IllegalArgumentException("header value for " + name + " must be printable ASCII (percent- or "
            + "RFC 8187-encode other characters), found U+" + String.format("%04X", (int) c) + " at index " + i);
      }
    }
    if (name.equalsIgnoreCase("host")) {
      throw new IllegalArgumentException("the Host header follows the URL; use resolve() to pick the address");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>(spec.requestHeaders());
    headers.add(Map.entry(name, value));
    return with(spec.withRequestHeaders(headers));
  }

  @Override
  public HttpProbeRequest timeout(Duration timeout) {
    return with(spec.withTimeout(Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  /** The probe's options, as every exchange of it receives them in {@link io.netprobe.spi.HttpExchangeRequest}. */
  public HttpProbeSpec spec() {
    return spec;
  }

  @Override
  public HttpProbeResult run() {
    return runner.run(spec, Deadline.after(spec.timeout()));
  }

  @Override
  public CompletableFuture<HttpProbeResult> runAsync() {
    return runner.runAsync(spec, Deadline.after(spec.timeout()));
  }

  private HttpProbeRequest with(HttpProbeSpec changed) {
    return new HttpProbeRequest(runner, changed);
  }

  @Override
  public String toString() {
    return "HttpProbeRequest[" + spec.method() + " " + Redaction.url(spec.url().toString()) + ", timeout=" + spec.timeout() + "]";
  }
}
