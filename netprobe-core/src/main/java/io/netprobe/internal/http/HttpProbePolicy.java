package io.netprobe.internal.http;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.edge.EdgeCatalog;
import io.netprobe.http.EdgeInfo;
import io.netprobe.core.Host;
import io.netprobe.http.HttpAssertionResult;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.OriginHint;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * {@code curl -I} and {@code curl -IL} on top of any {@link HttpBackend}'s single exchanges: HEAD rejected with 405 or
 * 501 is retried once with GET; redirects are followed (when asked) hop by hop, each recorded, a {@code Location} that
 * is not an http(s) URL is a PROTOCOL_ERROR, a URL visited before is a REDIRECT_LOOP and one redirect more than
 * allowed is TOO_MANY_REDIRECTS; every hop shares the probe's one deadline; and the final response is classified
 * (edge, origin hints) with {@link EdgeCatalog#shipped()}. Stateless; thread-safe.
 */
public final class HttpProbePolicy {
  private HttpProbePolicy() {}

  /** Runs the probe described by {@code spec} with {@code backend}, returning by {@code deadline}. */
  public static HttpProbeResult run(HttpBackend backend, HttpProbeSpec spec, Deadline deadline) {
    return run(backend, spec, deadline, SystemResolver::resolve);
  }

  /** {@link #run(HttpBackend, HttpProbeSpec, Deadline)} resolving with {@code resolver} for an IP preference. */
  public static HttpProbeResult run(HttpBackend backend, HttpProbeSpec spec, Deadline deadline,
      PreferredAddress.Resolver resolver) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    Run run = new Run(backend, spec, deadline, resolver);
    ProbeFailure failure = run.follow();
    List<HttpAssertionResult> checks = List.of();
    if (failure == null && !run.hops.isEmpty()) {
      failure = HttpAssertions.overLimit(spec.options().bodySizeLimit(), run.lastBody).orElse(null);
      checks = HttpAssertions.check(spec.options(), run.hops.get(run.hops.size() - 1), run.lastBody);
      if (failure == null) {
        failure = HttpAssertions.failure(checks).orElse(null);
      }
    }
    return result(backend, spec, run, failure, checks, started, startNanos);
  }

  /** The state of one probe: the hops so far. */
  private static final class Run {
    final HttpBackend backend;
    final HttpProbeSpec spec;
    final Deadline deadline;
    final List<HttpHop> hops = new ArrayList<>();
    final Set<String> visited = new HashSet<>();
    final PreferredAddress.Resolver resolver;
    boolean usedGetFallback;
    Optional<HttpExchange.Body> lastBody = Optional.empty();

    Run(HttpBackend backend, HttpProbeSpec spec, Deadline deadline, PreferredAddress.Resolver resolver) {
      this.backend = backend;
      this.spec = spec;
      this.deadline = deadline;
      this.resolver = resolver;
    }

    /** Makes the exchanges; returns why the probe failed, or null when it got its final response. */
    @Nullable ProbeFailure follow() {
      URI url = spec.url();
      String nextMethod = spec.method();
      while (true) {
        String method = nextMethod;
        HttpExchange outcome = exchange(url, method);
        if (outcome instanceof HttpExchange.Response r && method.equals("HEAD") && rejectsHead(r.status())) {
          usedGetFallback = true;
          method = "GET";
          outcome = exchange(url, method);
        }
        if (outcome instanceof HttpExchange.Failed failed) {
          return failed.failure();
        }
        HttpExchange.Response response = (HttpExchange.Response) outcome;
        lastBody = response.body();
        Optional<URI> next = Locations.target(url, response.status(), response.headers());
        hops.add(hop(url, method, response, next));
        visited.add(sameResource(url));
        boolean redirect = response.status() >= 300 && response.status() <= 399
            && response.headers().contains("location");
        if (!spec.followRedirects() || !redirect) {
          return null;
        }
        if (next.isEmpty()) {
          return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, "cannot follow the redirect from " + url + " to \""
              + response.headers().first("location").orElse("") + "\": not an http(s) URL");
        }
        if (visited.contains(sameResource(next.get()))) {
          return ProbeFailure.of(FailureKind.REDIRECT_LOOP, "redirect loop: " + url + " sends back to " + next.get()
              + " after " + hops.size() + " hop(s)");
        }
        if (hops.size() > spec.maxRedirects()) {
          return ProbeFailure.of(FailureKind.TOO_MANY_REDIRECTS, "more than " + spec.maxRedirects()
              + " redirects; the last one pointed to " + next.get());
        }
        url = next.get();
        nextMethod = methodAfter(response.status(), method);
      }
    }

    private HttpExchange exchange(URI url, String method) {
      if (deadline.isExpired()) {
        return HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request " + url
            + (hops.isEmpty() ? "" : " after " + hops.size() + " hop(s)")));
      }
      HttpProbeSpec options = spec;
      if (spec.options().ipPreference().isPresent()) {
        Host host = Host.of(url.getHost());
        if (!host.isLiteral() && !spec.resolve().containsKey(host.ascii())) {
          SystemResolver.Resolution chosen = PreferredAddress.choose(host, spec.options().ipPreference().get(),
              deadline, resolver);
          if (!chosen.ok()) {
            return HttpExchange.failed(chosen.failure());
          }
          Map<String, List<InetAddress>> pinned = new HashMap<>(spec.resolve());
          pinned.put(host.ascii(), chosen.addresses());
          options = spec.withResolve(pinned);
        }
      }
      HttpProbeSpec sent = options;
      return Objects.requireNonNull(backend.exchange(new HttpExchangeRequest(url, method, sent), deadline),
          () -> "HTTP backend " + backend.id() + " returned null for " + method + " " + url);
    }
  }

  /** The URL with the scheme's default port left out: {@code http://a.test:80/} and {@code http://a.test/} are one. */
  private static String sameResource(URI url) {
    boolean defaultPort = url.getPort() == 80 && url.getScheme().equals("http")
        || url.getPort() == 443 && url.getScheme().equals("https");
    String authority = url.getRawAuthority();
    if (!defaultPort || authority == null || !authority.endsWith(":" + url.getPort())) {
      return url.toString();
    }
    return url.getScheme() + "://" + authority.substring(0, authority.lastIndexOf(':')) + url.getRawPath()
        + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
  }

  /** Like curl -L: a 303 turns any method but HEAD into GET, a 301 or 302 turns POST into GET; others keep it. */
  private static String methodAfter(int status, String method) {
    if (status == 303 && !method.equals("HEAD") || (status == 301 || status == 302) && method.equals("POST")) {
      return "GET";
    }
    return method;
  }

  private static boolean rejectsHead(int status) {
    return status == 405 || status == 501;
  }

  private static HttpHop hop(URI url, String method, HttpExchange.Response r, Optional<URI> location) {
    return new HttpHop(url, method, r.status(), r.reason(), r.version(), r.headers(), location, r.remote(),
        r.timings(), r.tls());
  }

  private static HttpProbeResult result(HttpBackend backend, HttpProbeSpec spec, Run run,
      @Nullable ProbeFailure failure, List<HttpAssertionResult> checks, Instant started, long startNanos) {
    List<HttpHop> hops = run.hops;
    Optional<EdgeInfo> edge = Optional.empty();
    List<OriginHint> hints = List.of();
    if (!hops.isEmpty()) {
      HttpHop last = hops.get(hops.size() - 1);
      EdgeCatalog catalog = EdgeCatalog.shipped();
      edge = catalog.classify(last.headers(), last.remote().map(InetSocketAddress::getAddress));
      hints = catalog.originHints(last.headers());
    }
    return new HttpProbeResult(spec, hops, run.usedGetFallback, edge, hints, backend.id(), started,
        Duration.ofNanos(System.nanoTime() - startNanos), Optional.ofNullable(failure), checks,
        run.lastBody.map(HttpExchange.Body::info));
  }
}
