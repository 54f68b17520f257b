package io.netprobe.spi;

import io.netprobe.core.Deadline;
import java.util.concurrent.CompletableFuture;

/**
 * Makes single HTTP exchanges: one request, one response head, on a connection of its own. A backend is transport
 * only: redirects, the HEAD→GET fallback, loop and limit checks, the deadline across hops, and which CDN or origin
 * software answered are decided once, in netprobe-core, for every backend alike. So an implementation must not follow
 * redirects, retry, or judge a response; it must use a fresh connection per exchange (so the phase timings are real),
 * return by the deadline, report network and TLS outcomes as {@link HttpExchange.Failed}, and close every connection
 * before returning. Thread-safe: one instance serves every probe of a client, concurrently.
 */
public interface HttpBackend extends Backend {

  /**
   * Sends {@code request} and reads the response head (and, for GET, at most {@link
   * io.netprobe.http.HttpProbeSpec#maxBodyBytes()} of the body).
   *
   * @param request what to send, and the probe's options that apply to one exchange
   * @param deadline when the exchange must have returned, whatever the peer does; it is the probe's deadline, so
   *     earlier hops have already used part of it
   * @return the response, or why none came
   */
  HttpExchange exchange(HttpExchangeRequest request, Deadline deadline);

  /**
   * {@link #exchange} without a thread waiting for the peer: the future completes by the deadline, and cancelling
   * it closes the connection. This default runs {@link #exchange} on the engine's bounded blocking executor.
   */
  default CompletableFuture<HttpExchange> exchangeAsync(HttpExchangeRequest request, Deadline deadline,
      ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> exchange(request, deadline), engine.blocking());
  }
}
