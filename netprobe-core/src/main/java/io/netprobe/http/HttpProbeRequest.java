package io.netprobe.http;

import io.netprobe.core.IpPreference;
import io.netprobe.core.Redaction;
import io.netprobe.core.Secret;
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
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public final class HttpProbeRequest implements ProbeRequest<HttpProbeResult, HttpProbeRequest> {
  /** How many redirects {@link #followRedirects()} follows, like curl's default of 50 but kinder. */
  public static final int DEFAULT_MAX_REDIRECTS = 10;

  private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

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
   * The method to send ({@code curl -X}): {@code HEAD} (default), {@code GET}, {@code POST}, {@code PUT}, … — any
   * HTTP token, upper-cased. Only HEAD is retried with GET when rejected.
   *
   * @throws IllegalArgumentException when {@code method} is not an HTTP token
   */
  public HttpProbeRequest method(String method) {
    Objects.requireNonNull(method, "method");
    if (!TOKEN.matcher(method).matches()) {
      throw new IllegalArgumentException("method must be an HTTP token such as GET or POST, was "
          + Validate.quote(method));
    }
    return with(spec.withMethod(method.toUpperCase(Locale.ROOT)));
  }

  /**
   * Sends {@code content} with the request's method and {@code Content-Type: contentType} ({@code curl
   * --data-binary}). Set a method that carries content ({@link #method(String)}), e.g. POST.
   */
  public HttpProbeRequest body(byte[] content, String contentType) {
    return options(spec.options().withBody(Optional.of(new HttpRequestBody(content, contentType))));
  }

  /** HTTP Basic credentials ({@code curl -u user:password}); the password is never shown. */
  public HttpProbeRequest basicAuth(String user, String password) {
    return options(spec.options().withAuth(Optional.of(new HttpAuth.Basic(user, Secret.of(password)))));
  }

  /** A bearer token ({@code curl --oauth2-bearer}); never shown. */
  public HttpProbeRequest bearerToken(String token) {
    return options(spec.options().withAuth(Optional.of(new HttpAuth.Bearer(Secret.of(token)))));
  }

  /**
   * Goes through an HTTP proxy ({@code curl -x http://[user:password@]host:port}); https URLs tunnel with CONNECT.
   *
   * @throws IllegalArgumentException when {@code proxyUrl} is not an http URL with a host and port
   */
  public HttpProbeRequest proxy(String proxyUrl) {
    return options(spec.options().withProxy(Optional.of(HttpProxy.parse(proxyUrl))));
  }

  /**
   * Sends {@code name} with the proxy's CONNECT (https through {@link #proxy(String)}), not to the origin; the value
   * is never shown (blackbox's {@code proxy_connect_header}).
   *
   * @throws IllegalArgumentException when no proxy is set, or the header is not a token with a printable value
   */
  public HttpProbeRequest proxyConnectHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    HttpProxy proxy = spec.options().proxy().orElseThrow(() ->
        new IllegalArgumentException("proxyConnectHeader needs a proxy: call proxy(url) first"));
    List<Map.Entry<String, String>> headers = new ArrayList<>(proxy.connectHeaders());
    headers.add(Map.entry(name, value));
    return options(spec.options().withProxy(Optional.of(proxy.withConnectHeaders(headers))));
  }

  /**
   * Sends {@code name} as the TLS server name (SNI) and verifies the certificate for it instead of the URL's host
   * ({@code curl --connect-to}-like; blackbox's {@code tls_config.server_name}). A redirect to another host uses
   * that host's name.
   *
   * @throws IllegalArgumentException when {@code name} is not a host name
   */
  public HttpProbeRequest serverName(String name) {
    Objects.requireNonNull(name, "name");
    return connection(spec.options().connection().withServerName(Optional.of(name)));
  }

  /**
   * Offers only TLS versions from {@code min} to {@code max} ({@code curl --tlsv1.2 --tls-max 1.3}, blackbox's
   * {@code min_version}/{@code max_version}); null leaves that bound at the TLS library's default. Versions the JVM
   * has disabled ({@code jdk.tls.disabledAlgorithms}: TLS 1.0 and 1.1 on current JDKs) stay disabled.
   *
   * @throws IllegalArgumentException when {@code min} is above {@code max}
   */
  public HttpProbeRequest tlsVersions(@javax.annotation.Nullable TlsVersion min,
      @javax.annotation.Nullable TlsVersion max) {
    return connection(spec.options().connection().withTlsVersions(Optional.ofNullable(min),
        Optional.ofNullable(max)));
  }

  /**
   * Whether HTTP/2 may be negotiated over TLS (the default); false offers HTTP/1.1 only ({@code curl --http1.1},
   * blackbox's {@code enable_http2: false}).
   */
  public HttpProbeRequest http2(boolean enabled) {
    return connection(spec.options().connection().withHttp2(enabled));
  }

  /**
   * Whether every exchange is made over HTTP/3 on QUIC (UDP), with TLS 1.3 and no fallback to TCP
   * ({@code curl --http3-only}, blackbox's {@code enable_http3}); off by default. Only https URLs can be requested so;
   * an {@code http://} URL or redirect target fails the probe with {@code PROTOCOL_ERROR}. The handshake is
   * BoringSSL's inside Netty's QUIC codec ({@link TlsImplementation#QUIC}), so {@link #tls(TlsImplementation)} does
   * not apply; the HTTP backend needs Netty's HTTP/3 codec and its native QUIC library on the class path, else the
   * probe fails with {@code UNSUPPORTED_PLATFORM}.
   */
  public HttpProbeRequest http3(boolean enabled) {
    return connection(spec.options().connection().withHttp3(enabled));
  }

  private HttpProbeRequest connection(HttpConnectionOptions connection) {
    return options(spec.options().withConnection(connection));
  }

  /** A client certificate and key for mutual TLS ({@code curl --cert --key [--pass]}); see {@link ClientCertificate}. */
  public HttpProbeRequest clientCertificate(java.nio.file.Path certificate, java.nio.file.Path key,
      @javax.annotation.Nullable String keyPassword) {
    return options(spec.options().withClientCertificate(Optional.of(new ClientCertificate(certificate, key,
        Optional.ofNullable(keyPassword).map(Secret::of)))));
  }

  /** Trusts the certificates in the PEM file {@code caFile} instead of the JVM's ({@code curl --cacert}). */
  public HttpProbeRequest caFile(java.nio.file.Path caFile) {
    return options(spec.options().withCaFile(Optional.of(caFile)));
  }

  /**
   * Connects from {@code address} ({@code curl --interface ADDRESS}, blackbox's {@code source_ip_address}); an
   * address this machine does not have fails the probe.
   *
   * @throws IllegalArgumentException when {@code address} is not an IP literal
   */
  public HttpProbeRequest sourceAddress(String address) {
    InetAddress ip = Host.of(address).literal().orElseThrow(() ->
        new IllegalArgumentException("sourceAddress needs an IP address, not " + Validate.quote(address)));
    return options(spec.options().withSourceAddress(Optional.of(ip)));
  }

  /**
   * Asks for {@code encoding} ({@code gzip}, {@code deflate} or {@code br}) and decodes it (blackbox's
   * {@code compression}), or for several, comma-separated, decoding whichever the server chose ({@code curl
   * --compressed} asks for {@code "gzip, deflate, br"}); {@link HttpProbeResult#body()} has both lengths.
   *
   * @throws IllegalArgumentException for another coding
   */
  public HttpProbeRequest compression(String encoding) {
    String e = encoding.toLowerCase(Locale.ROOT).trim();
    if (e.equals("identity")) {
      return options(spec.options().withCompression(Optional.empty()));
    }
    java.util.List<String> codings = java.util.Arrays.stream(e.split(",")).map(String::trim).distinct().toList();
    if (codings.isEmpty() || !Set.of("gzip", "deflate", "br").containsAll(codings)) {
      throw new IllegalArgumentException("compression must be gzip, deflate, br (or several of them, "
          + "comma-separated) or identity, was " + Validate.quote(encoding));
    }
    return options(spec.options().withCompression(Optional.of(String.join(", ", codings))));
  }

  /** Fails the probe when the body is longer than {@code bytes} after decoding ({@code body_size_limit}). */
  public HttpProbeRequest bodySizeLimit(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("bodySizeLimit must be positive, was " + bytes);
    }
    return options(spec.options().withBodySizeLimit(bytes));
  }

  /** Connects over {@code preference}'s protocol ({@code preferred_ip_protocol}, {@code ip_protocol_fallback}). */
  public HttpProbeRequest ipPreference(IpPreference preference) {
    return options(spec.options().withIpPreference(Optional.of(preference)));
  }

  /** Fails unless the final status is one of {@code codes} ({@code valid_status_codes}). */
  public HttpProbeRequest expectStatus(Integer... codes) {
    return assertion(new HttpAssertion.StatusIn(Set.of(codes)));
  }

  /** Fails unless the final response's version is one of {@code versions} ({@code valid_http_versions}). */
  public HttpProbeRequest expectVersion(HttpVersion... versions) {
    return assertion(new HttpAssertion.VersionIn(Set.of(versions)));
  }

  /** Fails when the body matches {@code regex} ({@code fail_if_body_matches_regexp}). */
  public HttpProbeRequest failIfBodyMatches(String regex) {
    return assertion(new HttpAssertion.BodyMatches(Validate.regex(regex)));
  }

  /** Fails unless the body matches {@code regex} ({@code fail_if_body_not_matches_regexp}). */
  public HttpProbeRequest failIfBodyNotMatches(String regex) {
    return assertion(new HttpAssertion.BodyNotMatches(Validate.regex(regex)));
  }

  /** Fails when a value of {@code header} matches {@code regex} ({@code fail_if_header_matches}). */
  public HttpProbeRequest failIfHeaderMatches(String header, String regex, boolean allowMissing) {
    return assertion(new HttpAssertion.HeaderMatches(header, Validate.regex(regex), allowMissing));
  }

  /** Fails unless a value of {@code header} matches {@code regex} ({@code fail_if_header_not_matches}). */
  public HttpProbeRequest failIfHeaderNotMatches(String header, String regex, boolean allowMissing) {
    return assertion(new HttpAssertion.HeaderNotMatches(header, Validate.regex(regex), allowMissing));
  }

  /** Fails unless the JSON body has a value at {@code path} that matches {@code regex}. */
  public HttpProbeRequest expectJsonPath(String path, String regex) {
    return assertion(new HttpAssertion.JsonPathMatches(path, Validate.regex(regex)));
  }

  /** Adds a check of the final response; see {@link HttpAssertion}. */
  public HttpProbeRequest assertion(HttpAssertion assertion) {
    return options(spec.options().plusAssertion(assertion));
  }

  private HttpProbeRequest options(HttpOptions options) {
    return with(spec.withOptions(options));
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
   * @throws IllegalArgumentException when {@code implementation} is {@link TlsImplementation#QUIC}, which only
   *     reports what HTTP/3 probes use ({@link #http3(boolean)})
   */
  public HttpProbeRequest tls(TlsImplementation implementation) {
    Objects.requireNonNull(implementation, "implementation");
    if (implementation == TlsImplementation.QUIC) {
      throw new IllegalArgumentException("implementation must be AUTO, CONSCRYPT or JDK, was QUIC: it is what HTTP/3 "
          + "probes report, chosen with http3(true)");
    }
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
