package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpConnectionOptions;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsVersion;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import io.netprobe.spi.PemKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * HTTP/3 exchanges of one backend: checks what an exchange asks (https, TLS 1.3), resolves the host within the
 * deadline, prepares the certificate verification (the same {@link TlsInspection} as HTTPS over TCP: CA file,
 * insecure, server name, client certificate) and hands the exchange to an {@link Http3Call} on the backend's one
 * {@link Http3Loop}. Thread-safe.
 */
final class Http3Transport {
  /** How long after the deadline a synchronous caller stops waiting, should the loop itself be stuck. */
  private static final Duration BACKSTOP = Duration.ofMillis(200);

  private final X509ExtendedTrustManager trust;
  private final DeadlineDns.Resolver resolver;
  private final String userAgent;
  private final Http3Loop loop = new Http3Loop();

  Http3Transport(X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver, String userAgent) {
    this.trust = trust;
    this.resolver = resolver;
    this.userAgent = userAgent;
  }

  /** The exchange, waiting for it on the calling thread. */
  HttpExchange run(HttpExchangeRequest request, Deadline deadline) {
    CompletableFuture<HttpExchange> outcome = start(request, deadline, Runnable::run, Runnable::run);
    try {
      return outcome.get(deadline.remainingNanos() + BACKSTOP.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      outcome.cancel(false);
      return HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no HTTP/3 response from " + request.url()
          + " by the deadline"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome.cancel(false);
      return HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "interrupted while requesting "
          + request.url()));
    } catch (java.util.concurrent.ExecutionException e) {
      return HttpExchange.failed(ProbeFailure.of(FailureKind.INTERNAL_ERROR, "the HTTP/3 exchange with "
          + request.url() + " failed: " + e.getCause(), e.getCause()));
    }
  }

  /**
   * The exchange; no thread waits for the peer. What can block or costs CPU before the first packet (the lookup,
   * loading the trust store for the first probes of a JVM, making the QUIC codec and TLS context) runs on
   * {@code blocking}, so the one event loop only moves packets; {@code completions} completes the future.
   * Cancelling it closes the exchange's socket.
   */
  CompletableFuture<HttpExchange> start(HttpExchangeRequest request, Deadline deadline, Executor blocking,
      Executor completions) {
    long started = System.nanoTime();
    ProbeFailure refused = Http3Support.refusal(request);
    if (refused != null) {
      return CompletableFuture.completedFuture(HttpExchange.failed(refused));
    }
    URI url = request.url();
    List<InetAddress> pinned = request.options().resolve().get(url.getHost().toLowerCase(Locale.ROOT));
    CompletableFuture<HttpExchange> result = new CompletableFuture<>();
    Runnable prepareAndCall = () -> {
      if (result.isDone()) {
        return;
      }
      try {
        prepared(request, deadline, started, pinned, result, completions);
      } catch (RuntimeException | Error e) {
        result.complete(HttpExchange.failed(ProbeFailure.of(FailureKind.INTERNAL_ERROR, "the HTTP/3 exchange with "
            + url + " failed: " + e, e)));
      }
    };
    try {
      blocking.execute(prepareAndCall);
    } catch (RejectedExecutionException closed) {
      result.complete(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the engine is closed")));
    }
    return result;
  }

  private void prepared(HttpExchangeRequest request, Deadline deadline, long started, List<InetAddress> pinned,
      CompletableFuture<HttpExchange> result, Executor completions) {
    URI url = request.url();
    HttpProbeSpec spec = request.options();
    List<InetAddress> addresses = pinned;
    long resolved = started; // an address or a pinned name needs no lookup: time_namelookup 0, as curl
    if (addresses == null && !Host.of(url.getHost()).isLiteral()) {
      SystemResolver.Resolution resolution = resolver.resolve(Host.of(url.getHost()), deadline);
      if (!resolution.ok()) {
        result.complete(HttpExchange.failed(resolution.failure()));
        return;
      }
      addresses = resolution.addresses();
      resolved = System.nanoTime();
    } else if (addresses == null) {
      addresses = List.of(Host.of(url.getHost()).literal().orElseThrow());
    }
    X509ExtendedTrustManager verifyWith = trust;
    if (trust instanceof LazyDefaultTrust && spec.options().caFile().isEmpty() && !DefaultTrust.await(deadline)) {
      result.complete(HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request " + url
          + ": the JVM's trust store was still loading (only the first HTTPS probes of a JVM wait for it)")));
      return;
    }
    String host = Host.of(url.getHost()).ascii();
    // a configured server name is the probe's host's; a redirect elsewhere names its own host (as Go's client)
    String serverName = spec.options().connection().serverName()
        .filter(n -> url.getHost().equalsIgnoreCase(spec.url().getHost())).orElse(host);
    TlsInspection tls;
    try {
      if (spec.options().caFile().isPresent()) {
        verifyWith = PemKeys.trust(spec.options().caFile().get());
      }
      tls = new TlsInspection(verifyWith, serverName, spec.insecure(), new TlsStack.Choice(TlsImplementation.QUIC,
          null));
      if (spec.options().clientCertificate().isPresent()) {
        tls.withClientKeys(PemKeys.keys(spec.options().clientCertificate().get()));
      }
    } catch (IOException | GeneralSecurityException e) {
      result.complete(HttpExchange.failed(ProbeFailure.of(FailureKind.TLS_HANDSHAKE, "cannot use the CA file or "
          + "client certificate for " + url + ": " + FailureClassifier.printable(String.valueOf(e.getMessage())), e)));
      return;
    }
    int port = url.getPort() == -1 ? 443 : url.getPort();
    InetSocketAddress remote = new InetSocketAddress(addresses.get(0), port);
    io.netty.channel.EventLoop eventLoop = loop.acquire();
    if (eventLoop == null) {
      result.complete(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the HTTP backend is closed")));
      return;
    }
    Http3Call call = new Http3Call(eventLoop, request, deadline, remote, serverName, tls, userAgent,
        new Http3Call.Clock(started, resolved), outcome -> {
          loop.release();
          try {
            completions.execute(() -> result.complete(outcome));
          } catch (RejectedExecutionException closed) {
            result.complete(outcome);
          }
        });
    result.whenComplete((r, e) -> call.cancel());
    call.start();
  }

  /** Ends the event loop's thread. */
  void close() {
    loop.close();
  }

  /** Whether the event loop's thread is running (tests check that it ends). */
  boolean loopRunning() {
    return loop.running();
  }
}
