package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.TlsInfo;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One request and its response over a connection of its own: derives a single-use OkHttp client from the shared base
 * (own TLS context, the probe's resolver and event listener, timeouts from the deadline; the base's dispatcher and one
 * of this exchange runner's connection pools, which keep nothing idle), sends, reads the headers and at most a bounded
 * body, closes everything, and returns the response or a typed failure. OkHttp never follows redirects or retries
 * here. Thread-safe (the shared base client and pools are thread-safe; everything else is per exchange).
 */
final class OkHttpExchange {
  /** Most header lines accepted; real sites send a few dozen. */
  static final int MAX_HEADER_COUNT = 500;
  /** Most header bytes accepted (names and values). curl stops at 100 KiB per header, 300 KiB in all. */
  static final int MAX_HEADER_BYTES = 128 * 1024;

  /**
   * The shared base client, made on a thread of its own: loading OkHttp, Kotlin and Okio takes a few hundred
   * milliseconds the first time (more on a busy machine), which the first probe of a JVM waits for only until its
   * deadline.
   */
  private static final OneTimeLoad<OkHttpClient> BASE = new OneTimeLoad<>("netprobe-okhttp-load",
      OkHttpExchange::loadBase);

  /** Starts loading OkHttp, so that it is likely done before the first probe's deadline is running. */
  static void startLoading() {
    BASE.start();
  }

  private static OkHttpClient loadBase() {
    OkHttpClient base = new OkHttpClient.Builder()
        .proxy(Proxy.NO_PROXY)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        .socketFactory(NoDelaySocketFactory.INSTANCE)
        .sslSocketFactory(NoTls.SOCKET_FACTORY, NoTls.TRUST_MANAGER)
        // One deadline guard per call (the call timeout cancels the call, closing its socket, whatever phase it is
        // in) instead of OkHttp arming Okio's watchdog around every single read and write.
        .connectTimeout(0, TimeUnit.MILLISECONDS)
        .readTimeout(0, TimeUnit.MILLISECONDS)
        .writeTimeout(0, TimeUnit.MILLISECONDS)
        .build();
    warmUp(base);
    return base;
  }

  /**
   * Runs, without traffic, what a first exchange that fails runs after its deadline: a call whose lookup fails at
   * once and one that outlives its call timeout (OkHttp's watchdog and cancellation), so that those classes are loaded
   * here and not by a probe whose deadline has passed.
   */
  private static void warmUp(OkHttpClient base) {
    Request request = new Request.Builder().url("http://warm-up.invalid/").head().build();
    Dns failing = host -> {
      throw new UnknownHostException(host);
    };
    // the slow lookup lasts until the call timeout has cancelled the call (at most 40 ms): every first probe of the
    // JVM waits for this warm-up, so it must not sleep longer than the timeout path needs
    AtomicReference<Call> current = new AtomicReference<>();
    Dns slow = host -> {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(40);
      try {
        while (!current.get().isCanceled() && System.nanoTime() < until) {
          Thread.sleep(1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new UnknownHostException(host);
    };
    for (Dns dns : List.of(failing, slow)) {
      ConnectionPool pool = new ConnectionPool(0, 1, TimeUnit.MILLISECONDS);
      Call call = base.newBuilder().connectionPool(pool).dns(dns).eventListener(new PhaseRecorder())
          .callTimeout(5, TimeUnit.MILLISECONDS).build().newCall(request);
      current.set(call);
      try {
        call.execute().close(); // no response can come: the lookup fails
      } catch (IOException expected) {
        ProbeFailure.of(FailureKind.TIMEOUT, "warm-up of " + request.url() + ": " + expected).toString();
      } finally {
        call.cancel();
        pool.evictAll();
      }
    }
  }

  /**
   * Connection pools shared by this runner's exchanges, one picked per exchange in turn. They never reuse a
   * connection between exchanges: they keep none idle (a released connection is closed at once, before the probe
   * returns), and OkHttp hands an in-use (HTTP/2) connection only to a call of a client with an equal {@code Dns},
   * which each exchange's own {@link DeadlineDns} never is. Shared rather than one per exchange because each pool
   * runs a cleanup task on OkHttp's TaskRunner thread, every keep-alive period while a connection is in use; striped
   * because a pool looks through all its connections on every call.
   */
  private static final int POOL_STRIPES = 16;
  private volatile @Nullable ConnectionPool[] pools;
  private final java.util.concurrent.atomic.AtomicInteger nextPool = new java.util.concurrent.atomic.AtomicInteger();

  private final X509ExtendedTrustManager trust;
  private final DeadlineDns.Resolver resolver;
  private final TlsStack tlsStack;
  private final String userAgent;

  OkHttpExchange(X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver, TlsStack tlsStack, String userAgent) {
    this.trust = trust;
    this.resolver = resolver;
    this.tlsStack = tlsStack;
    this.userAgent = userAgent;
  }

  HttpExchange run(HttpExchangeRequest request, Deadline deadline) {
    return run(request, deadline, call -> { });
  }

  /**
   * A call being made, handed out before it is sent: whoever holds it can cancel it, and tell the failure it would
   * end with if the deadline passed now (from the phases recorded so far), without waiting for it to unwind.
   */
  record RunningCall(Call call, URI url, DeadlineDns dns, PhaseRecorder phases) {
    ProbeFailure atTheDeadline() {
      return FailureClassifier.atTheDeadline(url, dns, phases);
    }
  }

  /** {@link #run(HttpExchangeRequest, Deadline)}, handing the call to {@code started} before it is sent. */
  HttpExchange run(HttpExchangeRequest request, Deadline deadline, java.util.function.Consumer<RunningCall> started) {
    URI url = request.url();
    String method = request.method();
    HttpProbeSpec spec = request.options();
    int millis = deadline.remainingMillisForSocket();
    if (millis == 0) {
      return HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request " + url));
    }
    Optional<OkHttpClient> base = BASE.await(deadline);
    if (base.isEmpty()) {
      return HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request " + url + ": the "
          + "HTTP library was still loading (only the first probes of a JVM wait for it)"));
    }
    ScopedTarget scoped = ScopedTarget.of(url);
    HttpUrl httpUrl = scoped == null ? HttpUrl.get(url.toString()) : scoped.url();
    // plain http never touches a TLS library (loading one costs a few hundred milliseconds, once)
    TlsStack.Choice tlsChoice = TlsStack.Choice.NONE;
    if (httpUrl.isHttps()) {
      Optional<TlsStack.Choice> chosen = tlsStack.choose(spec.tlsImplementation(), deadline);
      ProbeFailure notReady = tlsNotReady(url, chosen, deadline);
      if (notReady != null) {
        return HttpExchange.failed(notReady);
      }
      tlsChoice = chosen.orElseThrow();
    }
    Optional<String> serverName = TlsInspection.serverName(spec, url);
    TlsInspection tls;
    try {
      String host = serverName.orElse(scoped == null ? httpUrl.host() : scoped.peerHost());
      tls = TlsInspection.of(spec, host, trust, tlsChoice);
    } catch (IOException | java.security.GeneralSecurityException e) {
      return HttpExchange.failed(TlsInspection.unusableKeys(url, e));
    }
    PhaseRecorder phases = new PhaseRecorder();
    DeadlineDns dns = new DeadlineDns(scoped == null ? spec.resolve() : scoped.resolving(spec.resolve()), resolver,
        deadline);
    ConnectionPool pool = pool();
    OkHttpClient.Builder builder = base.get().newBuilder()
        .connectionPool(pool)
        .dns(dns)
        .eventListener(phases)
        .fastFallback(scoped == null && mayHaveSeveralAddresses(httpUrl.host(), spec))
        .callTimeout(millis, TimeUnit.MILLISECONDS);
    ExchangeOptions.applyToClient(builder, spec.options());
    if (httpUrl.isHttps()) {
      javax.net.ssl.SSLSocketFactory factory = scoped == null ? tls.socketFactory()
          : new StandInSocketFactory(tls.socketFactory(), scoped.peerHost());
      if (serverName.isPresent()) {
        factory = StandInSocketFactory.serverName(factory, serverName.get());
      }
      builder.sslSocketFactory(factory, tls.trustManager()).hostnameVerifier(tls.hostnameVerifier());
    }
    Call call = builder.build().newCall(request(httpUrl, request, scoped));
    started.accept(new RunningCall(call, url, dns, phases));
    // Building the client may take long the first time (TLS initialisation): the call gets what is left now.
    long nanos = deadline.remainingNanos();
    if (nanos == 0) {
      return HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request " + url));
    }
    call.timeout().timeout(nanos, TimeUnit.NANOSECONDS);
    try (Response response = call.execute()) {
      ProbeFailure tooBig = checkHeaderLimits(response.headers(), url);
      if (tooBig != null) {
        return HttpExchange.failed(tooBig);
      }
      Optional<HttpExchange.Body> body = method.equals("HEAD") ? Optional.empty()
          : ExchangeOptions.read(response, spec.bodyReadLimit(), spec.options());
      // like curl's time_total: the transfer is done; netprobe's own reporting and the teardown are not counted
      long transferDone = phases.transferEnd(method.equals("HEAD"), System.nanoTime());
      Optional<TlsInfo> tlsInfo = phases.socket().filter(s -> s instanceof SSLSocket)
          .map(s -> tls.info((SSLSocket) s));
      return new HttpExchange.Response(response.code(), response.message(), versionOf(response.protocol()),
          headersOf(response.headers()), phases.remote(), phases.timings(transferDone), tlsInfo, body);
    } catch (IOException e) {
      return HttpExchange.failed(FailureClassifier.classify(e, url, dns, phases, tls, deadline));
    } finally {
      call.cancel();
    }
  }

  /** Whether OkHttp's classes are loaded (the engine's TLS takes its connection specs; its loop never loads them). */
  static boolean loaded() {
    return BASE.await(Deadline.after(java.time.Duration.ZERO)).isPresent();
  }

  /** One of the shared pools, made on first use (OkHttp is loaded by then). */
  private ConnectionPool pool() {
    ConnectionPool[] p = pools;
    if (p == null) {
      synchronized (this) {
        p = pools;
        if (p == null) {
          p = new ConnectionPool[POOL_STRIPES];
          for (int i = 0; i < p.length; i++) {
            // the keep-alive only paces the cleanup task: with no idle connection allowed nothing waits for it
            p[i] = new ConnectionPool(0, 5, TimeUnit.MINUTES);
          }
          pools = p;
        }
      }
    }
    return p[nextPool.getAndIncrement() & (POOL_STRIPES - 1)];
  }

  /**
   * Why an https exchange cannot start, or null when it can: its TLS library or the JVM's trust store still loading
   * at the deadline (only the first HTTPS probes of a JVM wait for them), or Conscrypt asked for where it cannot load.
   */
  private @Nullable ProbeFailure tlsNotReady(URI url, Optional<TlsStack.Choice> chosen, Deadline deadline) {
    if (chosen.isEmpty()) {
      return ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request " + url + ": the TLS library was still "
          + "loading (only the first HTTPS probes of a JVM wait for it)");
    }
    if (trust instanceof LazyDefaultTrust && !DefaultTrust.await(deadline)) {
      return ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request " + url + ": the JVM's trust store was "
          + "still loading (only the first HTTPS probes of a JVM wait for it)");
    }
    String unavailable = chosen.get().unavailableReason();
    if (!unavailable.isEmpty()) {
      return ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, "cannot request " + url + " with TLS implementation "
          + "CONSCRYPT: " + unavailable + " (AUTO or JDK use the JDK's TLS)");
    }
    return null;
  }

  /**
   * Happy Eyeballs (parallel attempts, like curl) for names the system resolves, so a black-holed IPv6 address does
   * not eat the deadline; one plain attempt for an IP literal or a single {@code resolve()} address, which saves two
   * thread hand-offs per probe.
   */
  private static boolean mayHaveSeveralAddresses(String host, HttpProbeSpec spec) {
    List<InetAddress> pinned = spec.resolve().get(host.toLowerCase(Locale.ROOT));
    if (pinned != null) {
      return pinned.size() > 1;
    }
    return !Host.of(host).isLiteral();
  }

  private Request request(HttpUrl url, HttpExchangeRequest exchange, @Nullable ScopedTarget scoped) {
    HttpProbeSpec spec = exchange.options();
    Request.Builder request = new Request.Builder().url(url);
    if (scoped != null && spec.requestHeaders().stream().noneMatch(h -> h.getKey().equalsIgnoreCase("host"))) {
      request.header("Host", scoped.hostHeader());
    }
    for (Map.Entry<String, String> h : RequestDefaults.headers(exchange, userAgent,
        url.isHttps() ? null : spec.options().proxy().orElse(null))) {
      request.addHeader(h.getKey(), h.getValue());
    }
    ExchangeOptions.applyToRequest(request, exchange);
    return request.build();
  }

  private static @Nullable ProbeFailure checkHeaderLimits(Headers headers, URI url) {
    long bytes = 0;
    for (int i = 0; i < headers.size(); i++) {
      bytes += headers.name(i).length() + headers.value(i).length() + 4;
    }
    return headerLimits(url, headers.size(), bytes);
  }

  /** The failure for a response head over the limits a probe accepts, or null within them. */
  static @Nullable ProbeFailure headerLimits(URI url, int lines, long bytes) {
    if (lines > MAX_HEADER_COUNT || bytes > MAX_HEADER_BYTES) {
      return ProbeFailure.of(FailureKind.PROTOCOL_ERROR, url + " sent " + lines + " header lines, " + bytes
          + " bytes; a probe accepts at most " + MAX_HEADER_COUNT + " lines and " + MAX_HEADER_BYTES + " bytes");
    }
    return null;
  }

  private static HttpHeaders headersOf(Headers headers) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      entries.add(Map.entry(headers.name(i), headers.value(i)));
    }
    return HttpHeaders.of(entries);
  }

  static HttpVersion versionOf(Protocol protocol) {
    switch (protocol) {
      case HTTP_1_0:
        return HttpVersion.HTTP_1_0;
      case HTTP_2:
      case H2_PRIOR_KNOWLEDGE:
        return HttpVersion.HTTP_2;
      case HTTP_3:
      case QUIC:
        return HttpVersion.HTTP_3;
      default:
        return HttpVersion.HTTP_1_1;
    }
  }
}
