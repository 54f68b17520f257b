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
import io.netprobe.internal.engine.AsyncResolver;
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
import java.util.concurrent.CompletableFuture;
import io.netprobe.spi.ProbeEngine;
import javax.annotation.Nullable;

/**
 * {@code curl -I} and {@code curl -IL} on top of any {@link HttpBackend}'s single exchanges: HEAD rejected with 405 or
 * 501 is retried once with GET; redirects are followed (when asked) hop by hop, each recorded, a {@code Location} that
 * is not an http(s) URL is a PROTOCOL_ERROR, a URL visited before is a REDIRECT_LOOP and one redirect more than
 * allowed is TOO_MANY_REDIRECTS; every hop shares the probe's one deadline; hops are chained asynchronously over {@link
 * HttpBackend#exchangeAsync} (no thread waits between them) by {@link #runAsync}; and the final response is classified
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
    URI url = spec.url();
    String method = spec.method();
    while (true) {
      Optional<HttpExchange> ready = run.beforeExchange(url);
      HttpExchange outcome = ready.isPresent() ? ready.get()
          : backend.exchange(run.request(url, method), deadline);
      Next next = run.after(url, method, run.checked(url, method, outcome));
      if (next.done()) {
        return result(backend, spec, run, next.failure(), started, startNanos);
      }
      url = next.url();
      method = next.method();
    }
  }

  /**
   * {@link #run} without a thread waiting between hops: each exchange is the backend's {@link
   * HttpBackend#exchangeAsync}, and the next hop starts from its completion. Cancelling the returned future cancels
   * the exchange in progress.
   */
  public static CompletableFuture<HttpProbeResult> runAsync(HttpBackend backend, HttpProbeSpec spec,
      Deadline deadline, ProbeEngine engine) {
    return runAsync(backend, spec, deadline, engine, (host, d) -> AsyncResolver.resolve(host, d, engine));
  }

  /** {@link #runAsync} looking up names for an IP preference with {@code lookup}. */
  public static CompletableFuture<HttpProbeResult> runAsync(HttpBackend backend, HttpProbeSpec spec, Deadline deadline,
      ProbeEngine engine, PreferredAddress.AsyncLookup lookup) {
    return new AsyncHttpRun(backend, spec, deadline, engine, lookup).start();
  }

  /** After an exchange: the next one to make, or the end with its failure (null when the probe got its answer). */
  record Next(@Nullable URI url, @Nullable String method, @Nullable ProbeFailure failure, boolean done) {
    static Next end(@Nullable ProbeFailure failure) {
      return new Next(null, null, failure, true);
    }

    static Next to(URI url, String method) {
      return new Next(url, method, null, false);
    }
  }

  /** The state of one probe: the hops so far. Used by one hop at a time. */
  static final class Run {
    final HttpBackend backend;
    final HttpProbeSpec spec;
    final Deadline deadline;
    final List<HttpHop> hops = new ArrayList<>();
    /** The resources visited, from the first redirect on (none kept while the first exchange waits). */
    @Nullable Set<String> visited;
    final PreferredAddress.Resolver resolver;
    boolean usedGetFallback;
    /** Whether the exchange just made was the GET retry of a rejected HEAD. */
    boolean retriedWithGet;
    /** The body of the last response, for the body checks and the size limit. */
    Optional<HttpExchange.Body> lastBody = Optional.empty();
    /** The spec sent to the backend: the probe's, with the address an IP preference chose pinned. */
    HttpProbeSpec sent;

    Run(HttpBackend backend, HttpProbeSpec spec, Deadline deadline, PreferredAddress.Resolver resolver) {
      this.backend = backend;
      this.spec = spec;
      this.deadline = deadline;
      this.resolver = resolver;
      this.sent = spec;
    }

    /**
     * What stands in for the exchange when none can be made: the deadline passed, or the IP preference found no
     * address. With a preference, pins the chosen address for {@link #request} (it resolves, so it blocks; the async
     * path looks the name up without a thread, {@link #preferenceLookup} and {@link #chosen}).
     */
    Optional<HttpExchange> beforeExchange(URI url) {
      Optional<HttpExchange> expired = expired(url);
      if (expired.isPresent()) {
        return expired;
      }
      Optional<Host> lookup = preferenceLookup(url);
      return lookup.isEmpty() ? Optional.empty() : chosen(lookup.get(), resolver.resolve(lookup.get(), deadline));
    }

    /**
     * The host whose addresses the IP preference must choose from before the exchange to {@code url}; empty when
     * there is none to choose (no preference, an address, a pinned name), and the probe's spec is sent as it is.
     */
    Optional<Host> preferenceLookup(URI url) {
      if (spec.options().ipPreference().isEmpty()) {
        return Optional.empty();
      }
      Host host = Host.of(url.getHost());
      if (host.isLiteral() || spec.resolve().containsKey(host.ascii())) {
        sent = spec;
        return Optional.empty();
      }
      return Optional.of(host);
    }

    /**
     * The IP preference's choice among {@code all}, {@code host}'s addresses: pinned for {@link #request}, or the
     * failure that stands in for the exchange.
     */
    Optional<HttpExchange> chosen(Host host, SystemResolver.Resolution all) {
      SystemResolver.Resolution chosen = PreferredAddress.choose(host, spec.options().ipPreference().orElseThrow(),
          all);
      if (!chosen.ok()) {
        return Optional.of(HttpExchange.failed(chosen.failure()));
      }
      Map<String, List<InetAddress>> pinned = new HashMap<>(spec.resolve());
      pinned.put(host.ascii(), chosen.addresses());
      sent = spec.withResolve(pinned);
      return Optional.empty();
    }

    HttpExchangeRequest request(URI url, String method) {
      return new HttpExchangeRequest(url, method, sent);
    }

    Optional<HttpExchange> expired(URI url) {
      if (!deadline.isExpired()) {
        return Optional.empty();
      }
      return Optional.of(HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request " + url
          + (hops.isEmpty() ? "" : " after " + hops.size() + " hop(s)"))));
    }

    HttpExchange checked(URI url, String method, @Nullable HttpExchange outcome) {
      return Objects.requireNonNull(outcome,
          () -> "HTTP backend " + backend.id() + " returned null for " + method + " " + url);
    }

    /** Records the exchange's response as a hop and decides what comes next. */
    Next after(URI url, String method, HttpExchange outcome) {
      boolean wasRetry = retriedWithGet;
      retriedWithGet = false;
      if (!wasRetry && outcome instanceof HttpExchange.Response r && method.equals("HEAD")
          && rejectsHead(r.status())) {
        usedGetFallback = true;
        retriedWithGet = true;
        return Next.to(url, "GET");
      }
      if (outcome instanceof HttpExchange.Failed failed) {
        return Next.end(failed.failure());
      }
      HttpExchange.Response response = (HttpExchange.Response) outcome;
      lastBody = response.body();
      Optional<URI> next = Locations.target(url, response.status(), response.headers());
      hops.add(hop(url, method, response, next));
      boolean redirect = response.status() >= 300 && response.status() <= 399
          && response.headers().contains("location");
      if (!spec.followRedirects() || !redirect) {
        return Next.end(null);
      }
      if (next.isEmpty()) {
        return Next.end(ProbeFailure.of(FailureKind.PROTOCOL_ERROR, "cannot follow the redirect from " + url
            + " to \"" + response.headers().first("location").orElse("") + "\": not an http(s) URL"));
      }
      if (visited == null) {
        visited = new HashSet<>();
      }
      visited.add(sameResource(url));
      if (visited.contains(sameResource(next.get()))) {
        return Next.end(ProbeFailure.of(FailureKind.REDIRECT_LOOP, "redirect loop: " + url + " sends back to "
            + next.get() + " after " + hops.size() + " hop(s)"));
      }
      if (hops.size() > spec.maxRedirects()) {
        return Next.end(ProbeFailure.of(FailureKind.TOO_MANY_REDIRECTS, "more than " + spec.maxRedirects()
            + " redirects; the last one pointed to " + next.get()));
      }
      return Next.to(next.get(), methodAfter(response.status(), method));
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

  /** The probe's result: its hops, the checks of the final response, the edge that answered. */
  static HttpProbeResult result(HttpBackend backend, HttpProbeSpec spec, Run run,
      @Nullable ProbeFailure transportFailure, Instant started, long startNanos) {
    List<HttpHop> hops = run.hops;
    ProbeFailure failure = transportFailure;
    List<HttpAssertionResult> checks = List.of();
    if (failure == null && !hops.isEmpty()) {
      failure = HttpAssertions.overLimit(spec.options().bodySizeLimit(), run.lastBody).orElse(null);
      checks = HttpAssertions.check(spec.options(), hops.get(hops.size() - 1), run.lastBody);
      if (failure == null) {
        failure = HttpAssertions.failure(checks).orElse(null);
      }
    }
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
