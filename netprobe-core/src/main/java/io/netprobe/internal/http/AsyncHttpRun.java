package io.netprobe.internal.http;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.engine.NotifyingFuture;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.ProbeEngine;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import javax.annotation.Nullable;

/**
 * {@link HttpProbePolicy#runAsync}'s probe: the hops of one probe chained over {@link HttpBackend#exchangeAsync}, each
 * started from the previous one's completion. It is the probe's future (cancelling it cancels the exchange in
 * progress) and each exchange's completion stage, and keeps when it started as two numbers: one object per probe in
 * flight where a future, a dependent stage, an instant and three lambdas were. Used by one hop at a time.
 */
final class AsyncHttpRun extends NotifyingFuture<HttpProbeResult>
    implements BiFunction<HttpExchange, Throwable, Void> {
  private final HttpBackend backend;
  private final HttpProbeSpec spec;
  private final ProbeEngine engine;
  /** Looks up a name whose address an IP preference chooses, without a thread waiting for it. */
  private final PreferredAddress.AsyncLookup lookup;
  private final HttpProbePolicy.Run run;
  private final long startedSecond;
  private final int startedNano;
  private final long startNanos;
  /** The exchange in progress: what it asks, and its future. */
  private @Nullable URI url;
  private @Nullable String method;
  private volatile @Nullable CompletableFuture<HttpExchange> current;

  AsyncHttpRun(HttpBackend backend, HttpProbeSpec spec, Deadline deadline, ProbeEngine engine,
      PreferredAddress.AsyncLookup lookup) {
    Instant now = Instant.now();
    this.startedSecond = now.getEpochSecond();
    this.startedNano = now.getNano();
    this.startNanos = System.nanoTime();
    this.backend = backend;
    this.spec = spec;
    this.engine = engine;
    this.lookup = lookup;
    this.run = new HttpProbePolicy.Run(backend, spec, deadline, SystemResolver::resolve);
  }

  /** Starts the first hop. */
  AsyncHttpRun start() {
    hop(spec.url(), spec.method());
    return this;
  }

  private void hop(URI nextUrl, String nextMethod) {
    if (isDone()) {
      return;
    }
    url = nextUrl;
    method = nextMethod;
    Optional<HttpExchange> expired = run.expired(nextUrl);
    Optional<Host> preferring = expired.isPresent() ? Optional.empty() : run.preferenceLookup(nextUrl);
    if (preferring.isPresent()) {
      Host host = preferring.get();
      lookup.resolve(host, run.deadline).whenComplete((all, error) -> {
        if (isDone()) {
          return;
        }
        Optional<HttpExchange> none = run.chosen(host, SystemResolver.outcome(host, all, error));
        exchange(none.isPresent() ? CompletableFuture.completedFuture(none.get())
            : backend.exchangeAsync(run.request(nextUrl, nextMethod), run.deadline, engine));
      });
      return;
    }
    exchange(expired.isPresent() ? CompletableFuture.completedFuture(expired.get())
        : backend.exchangeAsync(run.request(nextUrl, nextMethod), run.deadline, engine));
  }

  /** Listens to the hop's exchange. */
  private void exchange(CompletableFuture<HttpExchange> exchange) {
    current = exchange;
    if (isCancelled()) {
      exchange.cancel(true); // cancelled while the exchange was starting
    }
    if (exchange instanceof NotifyingFuture<HttpExchange> notifying) {
      notifying.listen(this); // no dependent stage kept alive while the exchange is in flight
    } else {
      exchange.handle(this);
    }
  }

  /** The exchange in progress completed: the next hop, or the result. */
  @Override
  public @Nullable Void apply(@Nullable HttpExchange outcome, @Nullable Throwable error) {
    if (error != null) {
      completeExceptionally(error);
      return null;
    }
    HttpProbePolicy.Next next;
    try {
      next = run.after(url, method, run.checked(url, method, outcome));
    } catch (RuntimeException e) {
      completeExceptionally(e);
      return null;
    }
    if (next.done()) {
      complete(HttpProbePolicy.result(backend, spec, run, next.failure(),
          Instant.ofEpochSecond(startedSecond, startedNano), startNanos));
    } else {
      hop(next.url(), next.method());
    }
    return null;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    CompletableFuture<HttpExchange> hop = current;
    if (cancelled && hop != null) {
      hop.cancel(true);
    }
    return cancelled;
  }
}
