package io.netprobe.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A route trace, configured like {@code traceroute -n} but flow-stable (Paris: every probe of the trace keeps one
 * flow identifier, so per-flow load balancers send them all one way): UDP probes, 3 per hop, TTL 1 to 30, 1 s per
 * probe, all TTLs in flight at once so a silent hop costs one probe timeout, not one per hop.
 *
 * <p>Immutable and thread-safe.
 */
public final class TracerouteRequest implements ProbeRequest<TracerouteResult, TracerouteRequest> {
  public static final int DEFAULT_MAX_HOPS = 30;
  public static final int DEFAULT_PROBES_PER_HOP = 3;
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_PORT = 33434;
  /** The destination port of TCP probes, as {@code traceroute -T}'s. */
  public static final int DEFAULT_TCP_PORT = 80;

  private final ProbeRunner runner;
  private final TracerouteSpec spec;

  private TracerouteRequest(ProbeRunner runner, TracerouteSpec spec) {
    this.runner = runner;
    this.spec = spec;
  }

  /**
   * Use {@code ProbeClient.traceroute(String)}; {@code runner} runs the trace. The timeout is the runner's, at
   * least 10 s.
   */
  public static TracerouteRequest create(ProbeRunner runner, Host host) {
    return new TracerouteRequest(runner, new TracerouteSpec(host, TraceMode.UDP, 1, DEFAULT_MAX_HOPS,
        DEFAULT_PROBES_PER_HOP, DEFAULT_PROBE_TIMEOUT, DEFAULT_PORT, false, TracerouteListener.NONE,
        runner.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : runner.timeout()));
  }

  /**
   * Sends UDP probes (the default), ICMP echo requests ({@code -I}) or TCP SYNs ({@code -T}). TCP probes go to port
   * {@value #DEFAULT_TCP_PORT} unless a port was set ({@code -p}).
   */
  public TracerouteRequest mode(TraceMode mode) {
    TracerouteSpec next = spec.withMode(Objects.requireNonNull(mode, "mode"));
    if (mode == TraceMode.TCP && spec.port() == DEFAULT_PORT) {
      next = next.withPort(DEFAULT_TCP_PORT);
    }
    return with(next);
  }

  /**
   * The last TTL to try ({@code -m}).
   *
   * @throws IllegalArgumentException outside 1–255 or below the first TTL
   */
  public TracerouteRequest maxHops(int maxHops) {
    Validate.inRange("maxHops", maxHops, spec.firstTtl(), 255);
    return with(spec.withMaxHops(maxHops));
  }

  /**
   * The first TTL to try ({@code -f}).
   *
   * @throws IllegalArgumentException outside 1–maxHops
   */
  public TracerouteRequest firstTtl(int firstTtl) {
    Validate.inRange("firstTtl", firstTtl, 1, spec.maxHops());
    return with(spec.withFirstTtl(firstTtl));
  }

  /**
   * Probes per TTL ({@code -q}).
   *
   * @throws IllegalArgumentException outside 1–10
   */
  public TracerouteRequest probesPerHop(int n) {
    Validate.inRange("probesPerHop", n, 1, 10);
    return with(spec.withProbesPerHop(n));
  }

  /**
   * How long to wait for each probe ({@code -w}).
   *
   * @throws IllegalArgumentException when not positive or above one minute
   */
  public TracerouteRequest probeTimeout(Duration timeout) {
    Validate.positiveDuration("probeTimeout", timeout, Duration.ofMinutes(1));
    return with(spec.withProbeTimeout(timeout));
  }

  /**
   * How probes keep or vary their flow identifier: {@link TraceStrategy#PARIS} (the default) keeps it, so that
   * every probe follows one path through per-flow load balancers; {@link TraceStrategy#CLASSIC} varies it like
   * {@code traceroute}.
   */
  public TracerouteRequest strategy(TraceStrategy strategy) {
    return with(spec.withStrategy(Objects.requireNonNull(strategy, "strategy")));
  }

  /**
   * Enumerates every load-balanced path (the Multipath Detection Algorithm) with 95% confidence instead of
   * tracing one: the result's {@link TracerouteResult#paths()} holds the graph. Flows are told apart by the UDP
   * destination port, the TCP source port or (ICMP mode) the ICMP checksum.
   */
  public TracerouteRequest allPaths() {
    return allPaths(MultipathOptions.DEFAULT);
  }

  /** Like {@link #allPaths()}, with other confidence and limits. */
  public TracerouteRequest allPaths(MultipathOptions options) {
    return with(spec.withAllPaths(java.util.Optional.of(Objects.requireNonNull(options, "options"))));
  }

  /**
   * The destination port ({@code traceroute -p}): the first one of classic UDP probes, the only one of flow-stable
   * UDP and of TCP probes. Defaults: {@value #DEFAULT_PORT} for UDP, {@value #DEFAULT_TCP_PORT} for TCP (call after
   * {@link #mode}).
   *
   * @throws IllegalArgumentException outside 1–65535
   */
  public TracerouteRequest port(int port) {
    return with(spec.withPort(Validate.port("port", port)));
  }

  /**
   * The source port of flow-stable UDP and TCP probes ({@code traceroute --sport}); by default the system picks one
   * per trace. Fix it to keep one flow across traces, as {@link MtrRequest} does.
   *
   * @throws IllegalArgumentException outside 1–65535
   */
  public TracerouteRequest sourcePort(int port) {
    return with(spec.withSourcePort(Validate.port("sourcePort", port)));
  }

  /**
   * Traces to the address of the protocol {@code preference} chooses among those the name resolves to:
   * {@code traceroute -4} is {@code IpPreference.only(IP4)}, {@code -6} {@code only(IP6)}; {@code prefer(..)} falls
   * back to the other protocol. A name (or literal) without an acceptable address fails with NAME_NOT_FOUND.
   */
  public TracerouteRequest ipPreference(io.netprobe.core.IpPreference preference) {
    java.util.Objects.requireNonNull(preference, "preference");
    return with(spec.withIpPreference(Optional.of(preference)));
  }

  /** Looks up reverse names of the hops (traceroute without {@code -n}). */
  public TracerouteRequest resolveNames() {
    return with(spec.withResolveNames(true));
  }

  /** Calls {@code listener} with each hop as it completes, in TTL order. */
  public TracerouteRequest onHop(TracerouteListener listener) {
    return with(spec.withListener(Objects.requireNonNull(listener, "listener")));
  }

  @Override
  public TracerouteRequest timeout(Duration timeout) {
    return with(spec.withTimeout(Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  /** The spec a backend receives. */
  public TracerouteSpec spec() {
    return spec;
  }

  @Override
  public TracerouteResult run() {
    return runner.run(spec, Deadline.after(spec.timeout()));
  }

  @Override
  public CompletableFuture<TracerouteResult> runAsync() {
    return runner.runAsync(spec, Deadline.after(spec.timeout()));
  }

  private TracerouteRequest with(TracerouteSpec spec) {
    return new TracerouteRequest(runner, spec);
  }

  @Override
  public String toString() {
    return "TracerouteRequest" + spec;
  }
}
