package io.netprobe.icmp;

import io.netprobe.Deadline;
import io.netprobe.Host;
import io.netprobe.ProbeClient;
import io.netprobe.ProbeFailure;
import io.netprobe.ProbeRequest;
import io.netprobe.internal.ProbeExecution;
import io.netprobe.internal.Validate;
import io.netprobe.spi.PingBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * An ICMP echo probe, configured like {@code ping}: 4 echoes 1 s apart by default.
 *
 * <pre>{@code
 * PingResult r = Probes.ping("8.8.8.8").count(4).run();   // ping -c 4 8.8.8.8
 * r.lossPercent(); r.statistics().avg();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PingRequest implements ProbeRequest<PingResult, PingRequest> {
  public static final int DEFAULT_COUNT = 4;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(1);
  /** The shortest interval allowed (iputils' limit for unprivileged users). */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(2);

  private final ProbeClient client;
  private final PingSpec spec;

  private PingRequest(ProbeClient client, PingSpec spec) {
    this.client = client;
    this.spec = spec;
  }

  /** Use {@link ProbeClient#ping(String)}. */
  public static PingRequest create(ProbeClient client, Host host) {
    return new PingRequest(client, new PingSpec(host, DEFAULT_COUNT, DEFAULT_INTERVAL, DEFAULT_REPLY_TIMEOUT,
        PingSpec.DEFAULT_PAYLOAD_SIZE, OptionalInt.empty(), OptionalInt.empty(), client.timeout()));
  }

  /**
   * How many echo requests to send ({@code -c}).
   *
   * @throws IllegalArgumentException outside 1–100000
   */
  public PingRequest count(int count) {
    Validate.inRange("count", count, 1, 100_000);
    return with(new PingSpec(spec.host(), count, spec.interval(), spec.replyTimeout(), spec.payloadSize(), spec.ttl(),
        spec.tcpFallbackPort(), spec.listener(), spec.timeout()));
  }

  /**
   * Time between echo requests ({@code -i}).
   *
   * @throws IllegalArgumentException below {@link #MIN_INTERVAL} or above one minute
   */
  public PingRequest interval(Duration interval) {
    Validate.positiveDuration("interval", interval, Duration.ofMinutes(1));
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL.toMillis()
          + " ms (the shortest ping allows without privileges), was " + interval);
    }
    return with(new PingSpec(spec.host(), spec.count(), interval, spec.replyTimeout(), spec.payloadSize(), spec.ttl(),
        spec.tcpFallbackPort(), spec.listener(), spec.timeout()));
  }

  /**
   * How long to wait for each reply ({@code -W}).
   *
   * @throws IllegalArgumentException when not positive or above one minute
   */
  public PingRequest replyTimeout(Duration replyTimeout) {
    Validate.positiveDuration("replyTimeout", replyTimeout, Duration.ofMinutes(1));
    return with(new PingSpec(spec.host(), spec.count(), spec.interval(), replyTimeout, spec.payloadSize(), spec.ttl(),
        spec.tcpFallbackPort(), spec.listener(), spec.timeout()));
  }

  /**
   * ICMP payload bytes ({@code -s}); 56 by default.
   *
   * @throws IllegalArgumentException outside 0–65507
   */
  public PingRequest payloadSize(int bytes) {
    Validate.inRange("payloadSize", bytes, 0, PingSpec.MAX_PAYLOAD_SIZE);
    return with(new PingSpec(spec.host(), spec.count(), spec.interval(), spec.replyTimeout(), bytes, spec.ttl(),
        spec.tcpFallbackPort(), spec.listener(), spec.timeout()));
  }

  /**
   * The IP TTL (IPv6 hop limit) to send with ({@code -t}).
   *
   * @throws IllegalArgumentException outside 1–255
   */
  public PingRequest ttl(int ttl) {
    Validate.inRange("ttl", ttl, 1, 255);
    return with(new PingSpec(spec.host(), spec.count(), spec.interval(), spec.replyTimeout(), spec.payloadSize(),
        OptionalInt.of(ttl), spec.tcpFallbackPort(), spec.listener(), spec.timeout()));
  }

  /**
   * When ICMP is not permitted here, measure a TCP connect to this port instead. The result's method is then
   * {@link PingMethod#TCP_CONNECT}, which is not ICMP.
   *
   * @throws IllegalArgumentException outside 1–65535
   */
  public PingRequest allowTcpFallback(int port) {
    Validate.port("TCP fallback port", port);
    return with(new PingSpec(spec.host(), spec.count(), spec.interval(), spec.replyTimeout(), spec.payloadSize(),
        spec.ttl(), OptionalInt.of(port), spec.listener(), spec.timeout()));
  }

  @Override
  public PingRequest timeout(Duration timeout) {
    return with(new PingSpec(spec.host(), spec.count(), spec.interval(), spec.replyTimeout(), spec.payloadSize(),
        spec.ttl(), spec.tcpFallbackPort(), spec.listener(), Validate.timeout(timeout)));
  }

  /**
   * Hands each reply and ICMP error to {@code listener} as it arrives, on the probing thread, before the result is
   * complete: for live output like {@code ping}'s. Replaces any listener set before.
   */
  public PingRequest onReply(PingListener listener) {
    Objects.requireNonNull(listener, "listener");
    return with(new PingSpec(spec.host(), spec.count(), spec.interval(), spec.replyTimeout(), spec.payloadSize(),
        spec.ttl(), spec.tcpFallbackPort(), listener, spec.timeout()));
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  /** The spec a backend receives. */
  public PingSpec spec() {
    return spec;
  }

  @Override
  public PingResult run() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(spec.timeout());
    return ProbeExecution.call(() -> client.backend(PingBackend.class).ping(spec, deadline),
        failureResult(started, deadline));
  }

  @Override
  public CompletableFuture<PingResult> runAsync() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(spec.timeout());
    return ProbeExecution.callAsync(() -> client.backend(PingBackend.class).ping(spec, deadline),
        failureResult(started, deadline), client.executor(), spec.timeout());
  }

  private Function<ProbeFailure, PingResult> failureResult(Instant started, Deadline deadline) {
    return f -> PingResult.failed(spec, spec.host().literal(), Optional.empty(), 0, java.util.List.of(), f, "none",
        started, deadline.elapsed());
  }

  private PingRequest with(PingSpec spec) {
    return new PingRequest(client, spec);
  }

  @Override
  public String toString() {
    return "PingRequest" + spec;
  }
}
