package io.netprobe.testing;

import io.netprobe.core.Deadline;
import io.netprobe.spi.ProbeEngine;
import java.util.concurrent.CompletableFuture;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A scripted {@link HttpBackend}: it scripts the wire — what each URL answers (status, headers, version, timings,
 * remote address, TLS facts), how late, or how the exchange fails — and nothing else. Redirects, the HEAD→GET
 * fallback, loops, limits, and which CDN or origin software answered are decided by netprobe-core exactly as for a
 * real backend. URLs not scripted refuse the connection.
 *
 * <pre>{@code
 * new FakeHttpBackend()
 *     .respond("https://google.com/", 301, "location", "https://www.google.com/")
 *     .respond("https://www.google.com/", 200)
 *     .respond("https://quizai.juwonpark.me/", 200)
 *     .edge("https://quizai.juwonpark.me/", EdgeProvider.CLOUDFLARE);   // adds server: cloudflare, cf-ray
 * }</pre>
 *
 * <p>{@link #received()} lists the URL of every exchange; {@link #script} answers with an {@link HttpHop} of which
 * only the wire facts count (status, reason, version, headers, remote, timings, TLS): the URL, method and location
 * come from the exchange and the core.
 *
 * <p>Thread-safe.
 */
public final class FakeHttpBackend extends ScriptedBackend<URI, HttpHop> implements HttpBackend {
  /** A fake with nothing scripted yet. */
  public FakeHttpBackend() {}

  private static final InetSocketAddress REMOTE = new InetSocketAddress(FakeAddresses.parse("192.0.2.80"), 443);
  private static final Set<FailureKind> VERDICTS = Set.of(FailureKind.REDIRECT_LOOP, FailureKind.TOO_MANY_REDIRECTS);

  private record MethodUrl(String method, URI url) {}

  private final Map<URI, ProbeFailure> failures = new ConcurrentHashMap<>();
  private final Map<MethodUrl, HttpHop> byMethod = new ConcurrentHashMap<>();
  private final Map<URI, List<Map.Entry<String, String>>> edgeHeaders = new ConcurrentHashMap<>();
  private final Map<URI, TlsInfo> tls = new ConcurrentHashMap<>();
  private final Map<URI, HttpVersion> versions = new ConcurrentHashMap<>();
  private final Map<URI, PhaseTimings> timings = new ConcurrentHashMap<>();
  private final Map<URI, InetSocketAddress> remotes = new ConcurrentHashMap<>();
  private final Map<URI, byte[]> bodies = new ConcurrentHashMap<>();

  /**
   * {@code url} answers every method with {@code status} and the given headers, as alternating names and values. A
   * 3xx with a {@code location} header is a redirect, followed or not as the probe asks.
   *
   * @throws IllegalArgumentException when the header list has an odd length or the status is outside 100–999
   */
  public FakeHttpBackend respond(String url, int status, String... headerNamesAndValues) {
    HttpHeaders headers = headers(headerNamesAndValues);
    URI key = normalize(url);
    checkStatus(status);
    failures.remove(key);
    script(u -> u.equals(key), u -> hop(u, status, headers));
    return this;
  }

  /**
   * {@code url} answers {@code method} ({@code HEAD}, {@code GET} or {@code OPTIONS}) with {@code status} and these
   * headers; other methods get what {@link #respond(String, int, String...)} scripted.
   *
   * @throws IllegalArgumentException for other methods, an odd header list or a status outside 100–999
   */
  public FakeHttpBackend respondTo(String method, String url, int status, String... headerNamesAndValues) {
    String upper = method.toUpperCase(Locale.ROOT);
    if (!Set.of("HEAD", "GET", "OPTIONS").contains(upper)) {
      throw new IllegalArgumentException("method must be HEAD, GET or OPTIONS, was \"" + method + "\"");
    }
    HttpHeaders headers = headers(headerNamesAndValues);
    checkStatus(status);
    URI key = normalize(url);
    byMethod.put(new MethodUrl(upper, key), hop(key, status, headers));
    return this;
  }

  /**
   * Exchanges with {@code url} fail with {@code kind}: what the network or TLS does (CONNECTION_REFUSED, TIMEOUT,
   * CONNECTION_RESET, TLS_CERTIFICATE_EXPIRED, PROTOCOL_ERROR, …).
   *
   * @throws IllegalArgumentException for REDIRECT_LOOP and TOO_MANY_REDIRECTS, which are the core's verdicts about
   *     several exchanges: script the redirects instead
   */
  public FakeHttpBackend fail(String url, FailureKind kind) {
    if (VERDICTS.contains(kind)) {
      throw new IllegalArgumentException(kind + " is decided by netprobe-core from the redirects; script them with "
          + "respond(url, 301, \"location\", target) instead");
    }
    failures.put(normalize(url), ProbeFailure.of(kind, "scripted " + kind + " for " + url));
    return this;
  }

  /** {@code url} answers {@code delay} late (or times out when that passes the deadline). */
  public FakeHttpBackend delay(String url, Duration delay) {
    URI key = normalize(url);
    delayWhen(u -> u.equals(key), delay);
    return this;
  }

  /** {@code url} never answers: the probe waits until its deadline and times out. */
  public FakeHttpBackend silent(String url) {
    URI key = normalize(url);
    silentWhen(u -> u.equals(key));
    return this;
  }

  /**
   * {@code url} answers HEAD with {@code status} (405 or 501), like a server that only routes GET, so the probe
   * retries with GET and gets the scripted response.
   *
   * @throws IllegalArgumentException for other statuses
   */
  public FakeHttpBackend rejectHead(String url, int status) {
    if (status != 405 && status != 501) {
      throw new IllegalArgumentException("a rejected HEAD is answered with 405 or 501, not " + status);
    }
    return respondTo("HEAD", url, status, "allow", "GET");
  }

  /**
   * Responses from the https {@code url} carry these TLS facts (certificate chain, problems); build them with
   * {@link #tlsFor(String, Instant, TlsProblem...)} or by hand.
   */
  public FakeHttpBackend tls(String url, TlsInfo info) {
    tls.put(normalize(url), info);
    return this;
  }

  /**
   * TLS 1.3 facts for {@code host}: a one-certificate chain expiring at {@code notAfter}, with {@code problems}, as
   * the JDK's TLS would report them.
   */
  public static TlsInfo tlsFor(String host, Instant notAfter, TlsProblem... problems) {
    CertificateInfo leaf = new CertificateInfo("CN=" + host, "CN=Fake CA",
        List.of(host), notAfter.minus(Duration.ofDays(90)), notAfter, "01", "00");
    return new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", Optional.of("h2"), List.of(leaf), List.of(problems),
        problems.length == 0 ? Optional.empty() : Optional.of("scripted " + List.of(problems)),
        TlsImplementation.JDK);
  }

  /**
   * Responses from {@code url} come through {@code provider}: they carry that provider's fingerprint headers (for
   * Cloudflare {@code server: cloudflare} and a {@code cf-ray} from ICN), except those the scripted response already
   * sets, so netprobe recognises the edge as it would a real one.
   */
  public FakeHttpBackend edge(String url, EdgeProvider provider) {
    edgeHeaders.put(normalize(url), EdgeFingerprints.of(provider));
    return this;
  }

  /** Responses from {@code url} are of this HTTP version (default: HTTP/2 for https, HTTP/1.1 for http). */
  public FakeHttpBackend version(String url, HttpVersion version) {
    versions.put(normalize(url), version);
    return this;
  }

  /** Responses from {@code url} have these phase timings (default: 1, 2, 3, 3, 5, 5 ms). */
  public FakeHttpBackend timings(String url, PhaseTimings phases) {
    timings.put(normalize(url), phases);
    return this;
  }

  /**
   * Exchanges with {@code url} connect to {@code address} (default 192.0.2.80 port 443): an address in a CDN's
   * published ranges is recognised as that CDN's edge.
   *
   * @throws IllegalArgumentException when {@code address} is not an IP literal or {@code port} not 1–65535
   */
  public FakeHttpBackend remote(String url, String address, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
    remotes.put(normalize(url), new InetSocketAddress(FakeAddresses.parse(address), port));
    return this;
  }

  /**
   * Responses from {@code url} to any method but HEAD carry {@code body} (UTF-8), for the probe's body checks
   * ({@code failIfBodyMatches}, {@code expectJsonPath}); cut at the probe's read limit like the real backend.
   */
  public FakeHttpBackend body(String url, String body) {
    bodies.put(normalize(url), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return this;
  }

  /** Forgets every scripted answer, failure, edge, TLS fact, version, timing and address, and every recorded URL. */
  @Override
  public void reset() {
    super.reset();
    failures.clear();
    byMethod.clear();
    edgeHeaders.clear();
    tls.clear();
    versions.clear();
    timings.clear();
    remotes.clear();
    bodies.clear();
  }

  @Override
  public HttpExchange exchange(HttpExchangeRequest request, Deadline deadline) {
    URI url = request.url();
    ProbeFailure scripted = failures.get(url);
    if (scripted != null) {
      return HttpExchange.failed(scripted);
    }
    ProbeFailure[] late = new ProbeFailure[1];
    HttpHop answer = answer(url, deadline, f -> {
      late[0] = f;
      return null;
    }, u -> null);
    return exchange(request, answer, late[0]);
  }

  @Override
  public CompletableFuture<HttpExchange> exchangeAsync(HttpExchangeRequest request, Deadline deadline,
      ProbeEngine engine) {
    URI url = request.url();
    ProbeFailure scripted = failures.get(url);
    if (scripted != null) {
      return CompletableFuture.completedFuture(HttpExchange.failed(scripted));
    }
    ProbeFailure[] late = new ProbeFailure[1];
    return then(answerAsync(url, deadline, engine, f -> {
      late[0] = f;
      return null;
    }, u -> null), answer -> exchange(request, answer, late[0]));
  }

  private HttpExchange exchange(HttpExchangeRequest request, @javax.annotation.Nullable HttpHop answer,
      @javax.annotation.Nullable ProbeFailure late) {
    URI url = request.url();
    if (late != null) {
      return HttpExchange.failed(late);
    }
    HttpHop wire = byMethod.getOrDefault(new MethodUrl(request.method(), url), answer);
    if (wire == null) {
      return HttpExchange.failed(ProbeFailure.of(FailureKind.CONNECTION_REFUSED, url.getRawAuthority()
          + " refused the connection (nothing scripted for " + url + ")"));
    }
    return new HttpExchange.Response(wire.status(), wire.reason(), versions.getOrDefault(url, wire.version()),
        withEdgeHeaders(wire.headers(), edgeHeaders.getOrDefault(url, List.of())),
        Optional.ofNullable(remotes.get(url)).or(wire::remote), timings.getOrDefault(url, wire.timings()),
        Optional.ofNullable(tls.get(url)).or(wire::tls), body(url, request));
  }

  private Optional<HttpExchange.Body> body(URI url, HttpExchangeRequest request) {
    byte[] content = bodies.get(url);
    if (content == null || request.method().equals("HEAD")) {
      return Optional.empty();
    }
    long limit = request.options().bodyReadLimit();
    byte[] read = content.length > limit ? java.util.Arrays.copyOf(content, (int) limit) : content;
    return Optional.of(new HttpExchange.Body(read, new io.netprobe.http.HttpBodyInfo(read.length, read.length,
        Optional.empty(), content.length > limit)));
  }

  private static HttpHeaders withEdgeHeaders(HttpHeaders scripted, List<Map.Entry<String, String>> edge) {
    if (edge.isEmpty()) {
      return scripted;
    }
    List<Map.Entry<String, String>> all = new ArrayList<>(scripted.entries());
    edge.stream().filter(h -> !scripted.contains(h.getKey())).forEach(all::add);
    return HttpHeaders.of(all);
  }

  private static HttpHeaders headers(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("headers come in name/value pairs");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      headers.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
    }
    return HttpHeaders.of(headers);
  }

  private static void checkStatus(int status) {
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status must be between 100 and 999, was " + status);
    }
  }

  private static HttpHop hop(URI url, int status, HttpHeaders headers) {
    boolean tls = url.getScheme().equals("https");
    Duration ms = Duration.ofMillis(1);
    PhaseTimings timings = new PhaseTimings(ms, ms.multipliedBy(2), tls ? Optional.of(ms.multipliedBy(3))
        : Optional.empty(), ms.multipliedBy(3), ms.multipliedBy(5), ms.multipliedBy(5));
    return new HttpHop(url, "HEAD", status, "", tls ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1, headers,
        Optional.empty(), Optional.of(REMOTE), timings, Optional.empty());
  }

  private static URI normalize(String url) {
    return Normalized.url(url);
  }
}
