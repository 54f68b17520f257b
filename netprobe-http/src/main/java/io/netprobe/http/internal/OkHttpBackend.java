package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.spi.ProbeEngine;
import java.util.concurrent.CompletableFuture;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP backend: single exchanges on OkHttp, with Conscrypt (BoringSSL) or the JDK making the TLS handshakes (see
 * {@link TlsStack}). Every exchange runs on a connection of its own so its phases are real, and returns by the
 * deadline it is given. Redirects, the HEAD→GET fallback and the edge classification are netprobe-core's, the same
 * for every backend. Exchanges run on {@link HttpCalls} (bounded; virtual threads on JDK 21+) with the deadline
 * backed by the engine's timer. Exchanges a probe asks to make over HTTP/3 go to an {@link Http3Transport} instead
 * (Netty's QUIC codec on one event loop thread of this backend's, ended when idle or closed). Thread-safe: no state
 * is shared between exchanges.
 */
public final class OkHttpBackend implements HttpBackend {
  public static final String ID = "okhttp";
  static final String USER_AGENT = "netprobe/0.1";
  /**
   * HTTP/1.1 and HTTP/2 exchanges, plain or over TLS, directly or through a proxy, on the engine's selector loops
   * ({@link EngineHttpExchange}) instead of OkHttp's blocking calls, unless {@code -Dnetprobe.http.engine=false}.
   * A link-local target with its zone through a proxy stays on OkHttp; HTTP/3 has a transport of its own.
   */
  static final boolean ENGINE_HTTP_DEFAULT = !"false".equals(System.getProperty("netprobe.http.engine"));

  private final OkHttpExchange exchange;
  /** The calls' threads when not the JVM's shared set, which is made on first use (a CLI run may make none). */
  private final @Nullable HttpCalls calls;
  private final X509ExtendedTrustManager trust;
  private final DeadlineDns.Resolver resolver;
  /** Whether names are resolved by the system resolver (the engine's exchange resolves with it, asynchronously). */
  private final boolean systemResolver;
  /** Whether exchanges run on the engine's loops ({@link #ENGINE_HTTP_DEFAULT}). */
  private final boolean engineHttp;
  private final TlsStack tlsStack;
  /** Made by the first HTTP/3 exchange, so that a JVM without Netty never loads it. */
  private @Nullable Http3Transport http3;
  private boolean closed;

  /** The backend ServiceLoader creates: certificates are verified against the JVM's default trust store. */
  public OkHttpBackend() {
    this(null);
  }

  /** A backend that verifies certificates against {@code trust} instead (tests use it to trust their own CA). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust) {
    this(trust, SYSTEM);
  }

  /** The system resolver; a backend given another (a test injecting failures) makes every exchange on OkHttp. */
  static final DeadlineDns.Resolver SYSTEM = SystemResolver::resolve;

  /** A backend with its own trust and name resolution (tests use them to inject lookup failures). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver) {
    this(trust, resolver, TlsStack.system());
  }

  /** A backend with its own trust, resolution and TLS stack (tests run every TLS case on each implementation). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver, TlsStack tlsStack) {
    this(trust, resolver, tlsStack, null);
  }

  /** A backend whose calls run on {@code calls} instead of the JVM's shared set (tests bound them tighter). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver, TlsStack tlsStack,
      @Nullable HttpCalls calls) {
    this(trust, resolver, tlsStack, calls, ENGINE_HTTP_DEFAULT);
  }

  /** A backend that makes its exchanges on the engine's loops or not, whatever the system property says. */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver, TlsStack tlsStack,
      @Nullable HttpCalls calls, boolean engineHttp) {
    this.engineHttp = engineHttp;
    this.tlsStack = tlsStack;
    OkHttpExchange.startLoading();
    this.calls = calls;
    this.trust = trust == null ? new LazyDefaultTrust() : trust;
    this.resolver = resolver;
    this.systemResolver = resolver == SYSTEM;
    this.exchange = new OkHttpExchange(this.trust, resolver, tlsStack, USER_AGENT);
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
  public HttpExchange exchange(HttpExchangeRequest request, Deadline deadline) {
    if (request.options().options().connection().http3()) {
      ProbeFailure refused = Http3Support.refusal(request);
      return refused != null ? HttpExchange.failed(refused) : http3OrClosed(request, deadline);
    }
    return exchange.run(request, deadline);
  }

  private HttpExchange http3OrClosed(HttpExchangeRequest request, Deadline deadline) {
    Http3Transport transport = http3();
    return transport == null ? HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the HTTP backend is closed"))
        : transport.run(request, deadline);
  }

  /** The HTTP/3 transport, made on first use; null once this backend is closed. */
  private synchronized @Nullable Http3Transport http3() {
    if (http3 == null && !closed) {
      http3 = new Http3Transport(trust, resolver, USER_AGENT);
    }
    return http3;
  }

  /** Ends the HTTP/3 event loop's thread, if one was started; OkHttp's threads end on their own when idle. */
  @Override
  public void close() {
    Http3Transport transport;
    synchronized (this) {
      closed = true;
      transport = http3;
      http3 = null;
    }
    if (transport != null) {
      transport.close();
    }
  }

  /**
   * The exchange on one of this backend's bounded call threads ({@link HttpCalls}) as a {@link QueuedCall}: by the
   * deadline, from the engine's timer, whatever the call does; cancelling the future cancels the call.
   */
  @Override
  public CompletableFuture<HttpExchange> exchangeAsync(HttpExchangeRequest request, Deadline deadline,
      ProbeEngine engine) {
    if (request.options().options().connection().http3()) {
      ProbeFailure refused = Http3Support.refusal(request);
      Http3Transport transport = refused == null ? http3() : null;
      if (transport == null) {
        return CompletableFuture.completedFuture(HttpExchange.failed(refused != null ? refused
            : ProbeFailure.of(FailureKind.CANCELLED, "the HTTP backend is closed")));
      }
      return transport.start(request, deadline, engine.blocking(), engine.completions());
    }
    if (engineHttp && systemResolver && EngineHttpExchange.handles(request)) {
      if (!request.isHttps()) {
        return EngineHttpExchange.start(request, deadline, engine, USER_AGENT, null);
      }
      TlsInspection inspection;
      try {
        inspection = readyInspection(request);
      } catch (java.io.IOException | java.security.GeneralSecurityException e) {
        return CompletableFuture.completedFuture(HttpExchange.failed(TlsInspection.unusableKeys(request.url(), e)));
      }
      if (inspection != null) {
        return EngineHttpExchange.start(request, deadline, engine, USER_AGENT, inspection);
      }
    }
    return onOkHttp(request, deadline, engine);
  }

  /**
   * For the engine's exchange: the inspection of an https exchange when everything its handshake needs is loaded —
   * OkHttp (its connection specs set the TLS versions and cipher suites), the TLS library, the trust store — and
   * usable; null when something is still loading
   * (only the first HTTPS probes of a JVM), or the probe asked for Conscrypt where it cannot load: OkHttp's exchange
   * waits for them within the deadline, or says why not.
   *
   * @throws IOException or GeneralSecurityException when the probe's CA file or client certificate cannot be used
   */
  private @Nullable TlsInspection readyInspection(HttpExchangeRequest request)
      throws java.io.IOException, java.security.GeneralSecurityException {
    Deadline now = Deadline.after(java.time.Duration.ZERO);
    HttpProbeSpec spec = request.options();
    if (!OkHttpExchange.loaded() || trust instanceof LazyDefaultTrust && !DefaultTrust.await(now)) {
      return null;
    }
    Optional<TlsStack.Choice> chosen = tlsStack.choose(spec.tlsImplementation(), now);
    if (chosen.isEmpty() || !chosen.get().unavailableReason().isEmpty()) {
      return null;
    }
    String host = ExchangeLookup.bare(Http1RequestHead.host(request.url()));
    String name = TlsInspection.serverName(spec, request.url()).orElse(host);
    return TlsInspection.of(spec, name, trust, chosen.get());
  }

  private CompletableFuture<HttpExchange> onOkHttp(HttpExchangeRequest request, Deadline deadline,
      ProbeEngine engine) {
    return new QueuedCall(request, deadline, engine, exchange).start(calls != null ? calls : HttpCalls.shared());
  }
}
