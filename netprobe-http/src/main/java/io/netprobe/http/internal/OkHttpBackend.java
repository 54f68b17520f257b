package io.netprobe.http.internal;

import io.netprobe.Deadline;
import io.netprobe.FailureKind;
import io.netprobe.ProbeFailure;
import io.netprobe.http.EdgeInfo;
import io.netprobe.http.HttpHeadResult;
import io.netprobe.http.HttpHop;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.OriginHint;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.HttpBackend;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP backend: {@code curl -I} and {@code curl -IL} on OkHttp, with Conscrypt (BoringSSL) or the JDK making
 * the TLS handshakes (see {@link TlsStack}). Every exchange, redirect hops included, runs on
 * a connection of its own so every hop's phases are real; HEAD rejected with 405 or 501 is retried once with GET;
 * redirects are followed here (not by OkHttp) so each hop is recorded and loops are caught; the whole probe shares
 * one deadline. Thread-safe: no state is shared between probes.
 */
public final class OkHttpBackend implements HttpBackend {
  public static final String ID = "okhttp";

  private final Exchange exchange;

  /** The backend ServiceLoader creates: certificates are verified against the JVM's default trust store. */
  public OkHttpBackend() {
    this(null);
  }

  /** A backend that verifies certificates against {@code trust} instead (tests use it to trust their own CA). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust) {
    this(trust, SystemResolver::resolve);
  }

  /** A backend with its own trust and name resolution (tests use them to inject lookup failures). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver) {
    this(trust, resolver, TlsStack.system());
  }

  /** A backend with its own trust, resolution and TLS stack (tests run every TLS case on each implementation). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver, TlsStack tlsStack) {
    this.exchange = new Exchange(trust == null ? new LazyDefaultTrust() : trust, resolver, tlsStack, "netprobe/0.1");
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public boolean isAvailable() {
    try {
      Class.forName("kotlin.jvm.internal.Intrinsics", false, OkHttpBackend.class.getClassLoader());
      Class.forName("okhttp3.OkHttpClient", false, OkHttpBackend.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError missing) {
      return false;
    }
  }

  @Override
  public HttpHeadResult probe(HttpProbeSpec spec, Deadline deadline) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    List<HttpHop> hops = new ArrayList<>();
    Set<String> visited = new HashSet<>();
    boolean usedGetFallback = false;
    URI url = spec.url();
    while (true) {
      Exchange.Outcome outcome = exchange.run(url, spec.method(), spec, deadline);
      if (outcome.hop() != null && spec.method().equals("HEAD") && rejectsHead(outcome.hop().status())) {
        usedGetFallback = true;
        outcome = exchange.run(url, "GET", spec, deadline);
      }
      if (outcome.failure() != null) {
        return result(spec, hops, usedGetFallback, outcome.failure(), started, startNanos);
      }
      HttpHop hop = outcome.hop();
      hops.add(hop);
      visited.add(url.toString());
      if (!spec.followRedirects() || hop.status() < 300 || hop.status() > 399 || !hop.headers().contains("location")) {
        return result(spec, hops, usedGetFallback, null, started, startNanos);
      }
      if (hop.location().isEmpty()) {
        return result(spec, hops, usedGetFallback, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, "cannot follow the "
            + "redirect from " + url + " to \"" + hop.headers().first("location").orElse("") + "\": not an http(s) URL"),
            started, startNanos);
      }
      URI next = hop.location().get();
      if (visited.contains(next.toString())) {
        return result(spec, hops, usedGetFallback, ProbeFailure.of(FailureKind.REDIRECT_LOOP, "redirect loop: " + url
            + " sends back to " + next + " after " + hops.size() + " hop(s)"), started, startNanos);
      }
      if (hops.size() > spec.maxRedirects()) {
        return result(spec, hops, usedGetFallback, ProbeFailure.of(FailureKind.TOO_MANY_REDIRECTS, "more than "
            + spec.maxRedirects() + " redirects; the last one pointed to " + next), started, startNanos);
      }
      url = next;
    }
  }

  private static boolean rejectsHead(int status) {
    return status == 405 || status == 501;
  }

  private static HttpHeadResult result(HttpProbeSpec spec, List<HttpHop> hops, boolean usedGetFallback,
      @Nullable ProbeFailure failure, Instant started, long startNanos) {
    Optional<EdgeInfo> edge = Optional.empty();
    List<OriginHint> hints = List.of();
    if (!hops.isEmpty()) {
      HttpHop last = hops.get(hops.size() - 1);
      edge = EdgeDetector.detect(last.headers(), last.remote().map(InetSocketAddress::getAddress));
      hints = OriginHints.detect(last.headers());
    }
    return new HttpHeadResult(spec, hops, usedGetFallback, edge, hints, ID, started,
        Duration.ofNanos(System.nanoTime() - startNanos), Optional.ofNullable(failure));
  }
}
