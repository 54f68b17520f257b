package io.netprobe.icmp;

import io.netprobe.Deadline;
import io.netprobe.Host;
import io.netprobe.ProbeClient;
import io.netprobe.ProbeFailure;
import io.netprobe.ProbeRequest;
import io.netprobe.internal.ProbeExecution;
import io.netprobe.internal.Validate;
import io.netprobe.spi.TracerouteBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A route trace, configured like {@code traceroute -n}: UDP probes, 3 per hop, TTL 1 to 30, 1 s per probe, all TTLs
 * in flight at once so a silent hop costs one probe timeout, not one per hop.
 *
 * <p>Immutable and thread-safe.
 */
public final class TracerouteRequest implements ProbeRequest<TraceResult, TracerouteRequest> {
  public static final int DEFAULT_MAX_HOPS = 30;
  public static final int DEFAULT_PROBES_PER_HOP = 3;
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_PORT = 33434;

  private final ProbeClient client;
  private final TraceSpec spec;

  private TracerouteRequest(ProbeClient client, TraceSpec spec) {
    this.client = client;
    this.spec = spec;
  }

  /** Use {@link ProbeClient#traceroute(String)}. */
  public static TracerouteRequest create(ProbeClient client, Host host) {
    return new TracerouteRequest(client, new TraceSpec(host, TraceMode.UDP, 1, DEFAULT_MAX_HOPS,
        DEFAULT_PROBES_PER_HOP, DEFAULT_PROBE_TIMEOUT, DEFAULT_PORT, false, TraceListener.NONE,
        client.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : client.timeout()));
  }

  /** Sends UDP probes (the default) or ICMP echo requests ({@code -I}). */
  public TracerouteRequest mode(TraceMode mode) {
    return with(Objects.requireNonNull(mode, "mode"), spec.firstTtl(), spec.maxHops(), spec.probesPerHop(),
        spec.probeTimeout(), spec.resolveNames(), spec.listener(), spec.timeout());
  }

  /**
   * The last TTL to try ({@code -m}).
   *
   * @throws IllegalArgumentException outside 1–255 or below the first TTL
   */
  public TracerouteRequest maxHops(int maxHops) {
    Validate.inRange("maxHops", maxHops, spec.firstTtl(), 255);
    return with(spec.mode(), spec.firstTtl(), maxHops, spec.probesPerHop(), spec.probeTimeout(), spec.resolveNames(),
        spec.listener(), spec.timeout());
  }

  /**
   * The first TTL to try ({@code -f}).
   *
   * @throws IllegalArgumentException outside 1–maxHops
   */
  public TracerouteRequest firstTtl(int firstTtl) {
    Validate.inRange("firstTtl", firstTtl, 1, spec.maxHops());
    return with(spec.mode(), firstTtl, spec.maxHops(), spec.probesPerHop(), spec.probeTimeout(), spec.resolveNames(),
        spec.listener(), spec.timeout());
  }

  /**
   * Probes per TTL ({@code -q}).
   *
   * @throws IllegalArgumentException outside 1–10
   */
  public TracerouteRequest probesPerHop(int n) {
    Validate.inRange("probesPerHop", n, 1, 10);
    return with(spec.mode(), spec.firstTtl(), spec.maxHops(), n, spec.probeTimeout(), spec.resolveNames(),
        spec.listener(), spec.timeout());
  }

  /**
   * How long to wait for each probe ({@code -w}).
   *
   * @throws IllegalArgumentException when not positive or above one minute
   */
  public TracerouteRequest probeTimeout(Duration timeout) {
    Validate.positiveDuration("probeTimeout", timeout, Duration.ofMinutes(1));
    return with(spec.mode(), spec.firstTtl(), spec.maxHops(), spec.probesPerHop(), timeout, spec.resolveNames(),
        spec.listener(), spec.timeout());
  }

  /** Looks up reverse names of the hops (traceroute without {@code -n}). */
  public TracerouteRequest resolveNames() {
    return with(spec.mode(), spec.firstTtl(), spec.maxHops(), spec.probesPerHop(), spec.probeTimeout(), true,
        spec.listener(), spec.timeout());
  }

  /** Calls {@code listener} with each hop as it completes, in TTL order. */
  public TracerouteRequest onHop(TraceListener listener) {
    return with(spec.mode(), spec.firstTtl(), spec.maxHops(), spec.probesPerHop(), spec.probeTimeout(),
        spec.resolveNames(), Objects.requireNonNull(listener, "listener"), spec.timeout());
  }

  @Override
  public TracerouteRequest timeout(Duration timeout) {
    return with(spec.mode(), spec.firstTtl(), spec.maxHops(), spec.probesPerHop(), spec.probeTimeout(),
        spec.resolveNames(), spec.listener(), Validate.timeout(timeout));
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  /** The spec a backend receives. */
  public TraceSpec spec() {
    return spec;
  }

  @Override
  public TraceResult run() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(spec.timeout());
    return ProbeExecution.call(() -> client.backend(TracerouteBackend.class).trace(spec, deadline),
        failureResult(started, deadline));
  }

  @Override
  public CompletableFuture<TraceResult> runAsync() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(spec.timeout());
    return ProbeExecution.callAsync(() -> client.backend(TracerouteBackend.class).trace(spec, deadline),
        failureResult(started, deadline), client.executor(), spec.timeout());
  }

  private Function<ProbeFailure, TraceResult> failureResult(Instant started, Deadline deadline) {
    return f -> new TraceResult(spec, spec.host().literal(), Optional.empty(), List.of(), false, "none", started,
        deadline.elapsed(), Optional.of(f));
  }

  private TracerouteRequest with(TraceMode mode, int firstTtl, int maxHops, int probes, Duration probeTimeout,
      boolean names, TraceListener listener, Duration timeout) {
    return new TracerouteRequest(client, new TraceSpec(spec.host(), mode, firstTtl, maxHops, probes, probeTimeout,
        spec.port(), names, listener, timeout));
  }

  @Override
  public String toString() {
    return "TracerouteRequest" + spec;
  }
}
