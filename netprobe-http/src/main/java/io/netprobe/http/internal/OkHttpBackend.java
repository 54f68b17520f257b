package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import io.netprobe.internal.SystemResolver;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
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

  /** How long after the deadline the engine's timer completes an exchange whose call has not returned. */
  static final Duration BACKSTOP = Duration.ofMillis(50);
  /** A waiting call with less than this fraction (1/n) of the time it had when queued left is not started. */
  static final int PASS_OVER_FRACTION = 20;

  private static final int WAITING = 0;
  private static final int RUNNING = 1;
  private static final int ENDED_WAITING = 2;
  private static final int PASSED_OVER = 3;

  private final OkHttpExchange exchange;
  /** The calls' threads when not the JVM's shared set, which is made on first use (a CLI run may make none). */
  private final @Nullable HttpCalls calls;
  private final X509ExtendedTrustManager trust;
  private final DeadlineDns.Resolver resolver;
  /** Made by the first HTTP/3 exchange, so that a JVM without Netty never loads it. */
  private @Nullable Http3Transport http3;
  private boolean closed;

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
    this(trust, resolver, tlsStack, null);
  }

  /** A backend whose calls run on {@code calls} instead of the JVM's shared set (tests bound them tighter). */
  OkHttpBackend(@Nullable X509ExtendedTrustManager trust, DeadlineDns.Resolver resolver, TlsStack tlsStack,
      @Nullable HttpCalls calls) {
    OkHttpExchange.startLoading();
    this.calls = calls;
    this.trust = trust == null ? new LazyDefaultTrust() : trust;
    this.resolver = resolver;
    this.exchange = new OkHttpExchange(this.trust, resolver, tlsStack, "netprobe/0.1");
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
      http3 = new Http3Transport(trust, resolver, "netprobe/0.1");
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
   * The exchange on one of this backend's bounded call threads ({@link HttpCalls}). At the deadline the engine's
   * timer completes the future: with a timeout if no thread took the call (or one passed it over, see {@link
   * #worthStarting}); with the failure the running call would give, from its phases so far, while the call is
   * cancelled (closing its socket) on another thread; or, if the thread was still building the call, {@link
   * #BACKSTOP} later. Cancelling the future cancels the call.
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
    CompletableFuture<HttpExchange> result = new CompletableFuture<>();
    AtomicReference<OkHttpExchange.RunningCall> call = new AtomicReference<>();
    AtomicInteger state = new AtomicInteger(WAITING);
    long hadWhenQueued = deadline.remainingNanos();
    AtomicReference<ProbeEngine.Cancellable> timer = new AtomicReference<>();
    // The timer only hands over: the hops' policy and the caller's side run on a completion thread, so a thousand
    // deadlines passing at once do not make the timer late for the others.
    timer.set(engine.at(deadline, () -> {
      if (state.compareAndSet(WAITING, ENDED_WAITING) || state.get() == PASSED_OVER) {
        String until = state.get() == PASSED_OVER ? "less than 1/" + PASS_OVER_FRACTION + " of its time was left"
            : "the deadline";
        completeLater(engine, result, HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no time left to "
            + "request " + request.url() + ": every HTTP call thread was busy until " + until)));
        return;
      }
      OkHttpExchange.RunningCall running = call.get();
      if (running != null) {
        // the verdict the call would give once unwound: thousands of calls cancelled at once take a while to unwind
        // (one watchdog thread cancels them in turn, each thread then builds its exception), the probe need not wait
        completeLater(engine, result, HttpExchange.failed(running.atTheDeadline()));
        return;
      }
      timer.set(engine.after(BACKSTOP, () -> completeLater(engine, result, HttpExchange.failed(ProbeFailure.of(
          FailureKind.TIMEOUT, "no response from " + request.url() + " by the deadline: the HTTP call had not "
          + "returned and was cancelled")))));
    }));
    AtomicBoolean returned = new AtomicBoolean();
    result.handle((r, e) -> { // not whenComplete: no CompletionException of its own when the probe is cancelled
      timer.get().cancel();
      OkHttpExchange.RunningCall c = call.get();
      if (c != null && !returned.get()) {
        // Cancelling closes the socket, which waits for the call thread to leave its blocking read: not on the
        // thread that completed the future (the engine's timer, a completion thread), and not behind the blocking
        // pool's queue either (the JDK's common pool: short tasks, daemon threads, bounded by the cores)
        CompletableFuture.runAsync(c.call()::cancel);
      }
      return null;
    });
    try {
      (calls != null ? calls : HttpCalls.shared()).execute(() -> {
        if (result.isDone()) {
          return;
        }
        if (!worthStarting(hadWhenQueued, deadline.remainingNanos())) {
          state.compareAndSet(WAITING, PASSED_OVER); // the timer ends it at the deadline
          return;
        }
        if (!state.compareAndSet(WAITING, RUNNING)) {
          return;
        }
        try {
          HttpExchange outcome = exchange.run(request, deadline, c -> {
            call.set(c);
            if (result.isDone()) {
              c.call().cancel();
            }
          });
          returned.set(true); // run() has closed the call itself
          result.complete(outcome);
        } catch (RuntimeException | Error e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException closed) {
      result.complete(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the HTTP call threads refused the call")));
    }
    return result;
  }

  /**
   * Whether a call that had {@code hadWhenQueuedNanos} when it was queued should still start with {@code
   * remainingNanos} left: not once less than {@code 1/}{@link #PASS_OVER_FRACTION} of that is left. When the call
   * threads are saturated (an outage: every call waits for its whole timeout) the waiting calls' deadlines lie close
   * together, and first-in-first-out would start each of them in its last millisecond — a connect and a request that
   * cannot be answered in time, made by the thousand just as the deadlines pass. A call that did not wait starts
   * however little time it has.
   */
  static boolean worthStarting(long hadWhenQueuedNanos, long remainingNanos) {
    return remainingNanos >= hadWhenQueuedNanos / PASS_OVER_FRACTION;
  }

  private static void completeLater(ProbeEngine engine, CompletableFuture<HttpExchange> result, HttpExchange value) {
    try {
      engine.completions().execute(() -> result.complete(value));
    } catch (RejectedExecutionException closed) {
      result.complete(value);
    }
  }

}
