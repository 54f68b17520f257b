package io.netprobe.http;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code curl -I} (or {@code curl -IL}) shows, as values: every exchange made, the last response's status,
 * headers and timings, TLS facts, and which CDN or proxy answered. A probe that got any HTTP response is a success
 * whatever its status code — a 503 is an answer, and {@link #status()} tells it; failures are the cases with no
 * usable response (refused, timeout, TLS failure, too many redirects, protocol error). A failure keeps the hops made
 * before it.
 *
 * <p>Immutable and thread-safe. {@link #toString()} redacts secret header values. netprobe-text's
 * {@code ClassicText.render(result)} prints it as {@code curl -sIL} would.
 *
 * @param spec what was asked
 * @param hops every exchange in order; the last is the final response (empty when none came)
 * @param usedGetFallback whether HEAD was rejected (405 or 501) and the probe retried with GET
 * @param edge the CDN or proxy in front of the origin, when one was recognised (judged on the final response)
 * @param originHints clues about the software behind the edge
 * @param backend the backend id
 * @param started when the probe started
 * @param elapsed how long the whole probe took
 * @param failure why there is no usable response, or the first {@link HttpAssertion} it failed; empty on success
 * @param assertions how the final response fared on each of {@link HttpOptions#assertions()}, in order (empty when
 *     no response came)
 * @param body what was read of the final response's body, when a body was read
 */
public record HttpProbeResult(HttpProbeSpec spec, List<HttpHop> hops, boolean usedGetFallback, Optional<EdgeInfo> edge,
    List<OriginHint> originHints, String backend, Instant started, Duration elapsed, Optional<ProbeFailure> failure,
    List<HttpAssertionResult> assertions, Optional<HttpBodyInfo> body)
    implements ProbeResult {

  /** A result without assertions or body facts. */
  public HttpProbeResult(HttpProbeSpec spec, List<HttpHop> hops, boolean usedGetFallback, Optional<EdgeInfo> edge,
      List<OriginHint> originHints, String backend, Instant started, Duration elapsed,
      Optional<ProbeFailure> failure) {
    this(spec, hops, usedGetFallback, edge, originHints, backend, started, elapsed, failure, List.of(),
        Optional.empty());
  }

  public HttpProbeResult {
    Objects.requireNonNull(spec, "spec");
    hops = List.copyOf(hops);
    Objects.requireNonNull(edge, "edge");
    originHints = List.copyOf(originHints);
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
    assertions = List.copyOf(assertions);
    Objects.requireNonNull(body, "body");
  }

  /** The first assertion the final response failed, when any. */
  public Optional<HttpAssertionResult> failedAssertion() {
    return assertions.stream().filter(a -> !a.passed()).findFirst();
  }

  /** The final exchange, when any response came. */
  public Optional<HttpHop> finalHop() {
    return hops.isEmpty() ? Optional.empty() : Optional.of(hops.get(hops.size() - 1));
  }

  /** The URL of the final response (the requested URL when none came). */
  public URI finalUrl() {
    return finalHop().map(HttpHop::url).orElse(spec.url());
  }

  /** The final status code, when a response came. */
  public Optional<Integer> status() {
    return finalHop().map(HttpHop::status);
  }

  /** The final response's headers (empty when none came). */
  public HttpHeaders headers() {
    return finalHop().map(HttpHop::headers).orElse(HttpHeaders.empty());
  }

  /** The final response's HTTP version. */
  public Optional<HttpVersion> version() {
    return finalHop().map(HttpHop::version);
  }

  /** The address actually connected to for the final response. */
  public Optional<InetSocketAddress> remote() {
    return finalHop().flatMap(HttpHop::remote);
  }

  /** The final exchange's TLS facts, for https. */
  public Optional<TlsInfo> tls() {
    return finalHop().flatMap(HttpHop::tls);
  }

  /** How many redirects were followed. */
  public int redirectCount() {
    return Math.max(0, hops.size() - 1);
  }

  @Override
  public HttpProbeResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
