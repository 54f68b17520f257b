package io.netprobe.testing;

import io.netprobe.Deadline;
import io.netprobe.FailureKind;
import io.netprobe.ProbeFailure;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.EdgeInfo;
import io.netprobe.http.EdgeProvider;
import io.netprobe.http.HttpHeadResult;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.OriginHint;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.http.TlsProblem;
import io.netprobe.spi.HttpBackend;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scripted {@link HttpBackend}. URLs not scripted fail with CONNECTION_REFUSED. Redirects are followed when the
 * spec asks for it, like the real backend, including loop detection and the redirect limit.
 *
 * <pre>{@code
 * new FakeHttpBackend()
 *     .respond("https://google.com/", 301, "location", "https://www.google.com/")
 *     .respond("https://www.google.com/", 200)
 *     .edge("https://quizai.juwonpark.me/", EdgeProvider.CLOUDFLARE);
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FakeHttpBackend extends ScriptedBackend<URI, HttpHop> implements HttpBackend {
  private static final InetSocketAddress REMOTE = new InetSocketAddress(FakeAddresses.parse("192.0.2.80"), 443);
  private final Map<URI, EdgeProvider> edges = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<URI, ProbeFailure> failures = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<URI, Integer> headRejections = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<URI, TlsInfo> tls = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * {@code url} answers {@code status} with the given headers, as alternating names and values.
   *
   * @throws IllegalArgumentException when the header list has an odd length
   */
  public FakeHttpBackend respond(String url, int status, String... headerNamesAndValues) {
    if (headerNamesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("headers come in name/value pairs");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (int i = 0; i < headerNamesAndValues.length; i += 2) {
      headers.add(Map.entry(headerNamesAndValues[i], headerNamesAndValues[i + 1]));
    }
    URI key = normalize(url);
    failures.remove(key);
    script(u -> u.equals(key), u -> hop(u, status, HttpHeaders.of(headers)));
    return this;
  }

  /** {@code url} fails with {@code kind} (CONNECTION_REFUSED, TIMEOUT, TLS_CERTIFICATE_EXPIRED, …). */
  public FakeHttpBackend fail(String url, FailureKind kind) {
    failures.put(normalize(url), ProbeFailure.of(kind, "scripted " + kind + " for " + url));
    return this;
  }

  /** {@code url} answers {@code delay} late (or times out when that passes the deadline). */
  public FakeHttpBackend delay(String url, Duration delay) {
    URI key = normalize(url);
    delayWhen(u -> u.equals(key), delay);
    return this;
  }

  /**
   * {@code url} answers HEAD with {@code status} (405 or 501), so the probe retries with GET and gets the scripted
   * response, like a real server that only routes GET.
   *
   * @throws IllegalArgumentException for other statuses
   */
  public FakeHttpBackend rejectHead(String url, int status) {
    if (status != 405 && status != 501) {
      throw new IllegalArgumentException("a rejected HEAD is answered with 405 or 501, not " + status);
    }
    headRejections.put(normalize(url), status);
    return this;
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

  /** Responses from {@code url} are reported as coming through {@code provider}. */
  public FakeHttpBackend edge(String url, EdgeProvider provider) {
    edges.put(normalize(url), provider);
    return this;
  }

  @Override
  public HttpHeadResult probe(HttpProbeSpec spec, Deadline deadline) {
    Instant started = Instant.now();
    List<HttpHop> hops = new ArrayList<>();
    List<URI> seen = new ArrayList<>();
    URI url = spec.url();
    boolean usedGetFallback = false;
    while (true) {
      ProbeFailure scriptedFailure = failures.get(url);
      if (scriptedFailure != null) {
        return result(spec, hops, scriptedFailure, started, usedGetFallback);
      }
      ProbeFailure[] timedOut = new ProbeFailure[1];
      HttpHop hop = answer(url, deadline, f -> {
        timedOut[0] = f;
        return null;
      }, u -> null);
      if (timedOut[0] != null) {
        return result(spec, hops, timedOut[0], started, usedGetFallback);
      }
      if (hop == null) {
        return result(spec, hops, ProbeFailure.of(FailureKind.CONNECTION_REFUSED, url.getHost()
            + " refused the connection"), started, usedGetFallback);
      }
      String method = spec.method();
      if (method.equals("HEAD") && headRejections.containsKey(url)) {
        usedGetFallback = true;
        method = "GET";
      }
      hops.add(new HttpHop(hop.url(), method, hop.status(), hop.reason(), hop.version(), hop.headers(), hop.location(),
          hop.remote(), hop.timings(), Optional.ofNullable(tls.get(url)).or(hop::tls)));
      seen.add(url);
      if (!spec.followRedirects() || !hop.isRedirect()) {
        return result(spec, hops, null, started, usedGetFallback);
      }
      URI next = hop.location().orElseThrow();
      if (seen.contains(next)) {
        return result(spec, hops, ProbeFailure.of(FailureKind.REDIRECT_LOOP, "redirect loop back to " + next), started,
            usedGetFallback);
      }
      if (hops.size() > spec.maxRedirects()) {
        return result(spec, hops, ProbeFailure.of(FailureKind.TOO_MANY_REDIRECTS, "more than " + spec.maxRedirects()
            + " redirects"), started, usedGetFallback);
      }
      url = next;
    }
  }

  private HttpHeadResult result(HttpProbeSpec spec, List<HttpHop> hops, ProbeFailure failure, Instant started,
      boolean usedGetFallback) {
    Optional<EdgeInfo> edge = Optional.empty();
    List<OriginHint> hints = new ArrayList<>();
    if (!hops.isEmpty()) {
      HttpHop last = hops.get(hops.size() - 1);
      EdgeProvider provider = edges.get(last.url());
      if (provider != null) {
        edge = Optional.of(new EdgeInfo(provider, List.of("scripted by FakeHttpBackend"),
            last.headers().first("cf-cache-status"), Optional.empty(), last.headers().first("cf-ray")));
      }
      if (last.headers().all("set-cookie").stream().anyMatch(c -> c.startsWith("csrftoken="))) {
        hints.add(new OriginHint("Django", "set-cookie: csrftoken"));
      }
    }
    return new HttpHeadResult(spec, hops, usedGetFallback, edge, hints, ID, started,
        Duration.between(started, Instant.now()), Optional.ofNullable(failure));
  }

  private static HttpHop hop(URI url, int status, HttpHeaders headers) {
    Optional<URI> location = headers.first("location").map(url::resolve);
    boolean tls = url.getScheme().equals("https");
    Duration ms = Duration.ofMillis(1);
    PhaseTimings timings = new PhaseTimings(ms, ms.multipliedBy(2), tls ? Optional.of(ms.multipliedBy(3))
        : Optional.empty(), ms.multipliedBy(3), ms.multipliedBy(5), ms.multipliedBy(5));
    return new HttpHop(url, "HEAD", status, "", tls ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1, headers, location,
        Optional.of(REMOTE), timings, Optional.empty());
  }

  private static URI normalize(String url) {
    return io.netprobe.internal.Validate.httpUrl(url);
  }
}
