package io.netprobe.icmp;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * mtr: traceroute again and again, one probe per hop per cycle, with per-hop loss, last, average, best, worst,
 * standard deviation and jitter. Like {@code mtr -r}: 10 cycles one second apart, TTL 1 to 30; unlike mtr's
 * defaults, UDP flow-stable probes (so that every cycle measures one path and nothing needs privileges). Each cycle
 * is an ordinary traceroute on the runner, so any traceroute backend (or fake) serves. A listener sees a snapshot
 * after each cycle.
 *
 * <p>Immutable and thread-safe.
 */
public final class MtrRequest implements ProbeRequest<MtrResult, MtrRequest> {
  public static final int DEFAULT_CYCLES = 10;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration SLACK = Duration.ofSeconds(5);

  private final ProbeRunner runner;
  private final MtrSpec spec;
  private final boolean timeoutSet;

  private MtrRequest(ProbeRunner runner, MtrSpec spec, boolean timeoutSet) {
    this.runner = runner;
    this.spec = spec;
    this.timeoutSet = timeoutSet;
  }

  /** Use {@code ProbeClient.mtr(String)}; {@code runner} runs the traces. */
  public static MtrRequest create(ProbeRunner runner, Host host) {
    return new MtrRequest(runner, new MtrSpec(host, TraceMode.UDP, TraceStrategy.PARIS,
        TracerouteRequest.DEFAULT_MAX_HOPS, DEFAULT_CYCLES, DEFAULT_INTERVAL, TracerouteRequest.DEFAULT_PROBE_TIMEOUT,
        MtrListener.NONE, natural(DEFAULT_CYCLES, DEFAULT_INTERVAL, TracerouteRequest.DEFAULT_PROBE_TIMEOUT)), false);
  }

  private static Duration natural(int cycles, Duration interval, Duration probeTimeout) {
    return interval.multipliedBy(cycles - 1L).plus(probeTimeout.multipliedBy(3)).plus(SLACK);
  }

  /**
   * Cycles to run ({@code -c}).
   *
   * @throws IllegalArgumentException outside 1–100000
   */
  public MtrRequest cycles(int cycles) {
    Validate.inRange("cycles", cycles, 1, 100_000);
    return with(spec.mode(), spec.strategy(), spec.maxHops(), cycles, spec.interval(), spec.probeTimeout(),
        spec.listener());
  }

  /**
   * Time between the starts of two cycles ({@code -i}).
   *
   * @throws IllegalArgumentException when negative or above one hour
   */
  public MtrRequest interval(Duration interval) {
    Validate.nonNegativeDuration("interval", interval, Duration.ofHours(1));
    return with(spec.mode(), spec.strategy(), spec.maxHops(), spec.cycles(), interval, spec.probeTimeout(),
        spec.listener());
  }

  /**
   * The last TTL ({@code -m}).
   *
   * @throws IllegalArgumentException outside 1–255
   */
  public MtrRequest maxHops(int maxHops) {
    Validate.inRange("maxHops", maxHops, 1, 255);
    return with(spec.mode(), spec.strategy(), maxHops, spec.cycles(), spec.interval(), spec.probeTimeout(),
        spec.listener());
  }

  /** UDP probes (the default), ICMP echo requests or TCP SYNs to port 80 (CAP_NET_RAW, as {@code mtr -T}). */
  public MtrRequest mode(TraceMode mode) {
    return with(Objects.requireNonNull(mode, "mode"), spec.strategy(), spec.maxHops(), spec.cycles(),
        spec.interval(), spec.probeTimeout(), spec.listener());
  }

  /** The flow strategy of every cycle ({@link TraceStrategy#PARIS} by default). */
  public MtrRequest strategy(TraceStrategy strategy) {
    return with(spec.mode(), Objects.requireNonNull(strategy, "strategy"), spec.maxHops(), spec.cycles(),
        spec.interval(), spec.probeTimeout(), spec.listener());
  }

  /**
   * The destination port of every probe ({@code mtr -P}): for TCP the port the SYNs go to (80 unless set), for UDP
   * the flow-stable probes' destination port.
   *
   * @throws IllegalArgumentException when {@code port} is not 1-65535
   */
  public MtrRequest port(int port) {
    return new MtrRequest(runner, spec.withPort(java.util.OptionalInt.of(Validate.port(port))), timeoutSet);
  }

  /** Traces to the address of the protocol {@code preference} chooses ({@code mtr -4}/{@code -6}). */
  public MtrRequest ipPreference(io.netprobe.core.IpPreference preference) {
    Objects.requireNonNull(preference, "preference");
    return new MtrRequest(runner, spec.withIpPreference(Optional.of(preference)), timeoutSet);
  }

  /**
   * How long to wait for each probe.
   *
   * @throws IllegalArgumentException when not positive or above one minute
   */
  public MtrRequest probeTimeout(Duration timeout) {
    Validate.positiveDuration("probeTimeout", timeout, Duration.ofMinutes(1));
    return with(spec.mode(), spec.strategy(), spec.maxHops(), spec.cycles(), spec.interval(), timeout,
        spec.listener());
  }

  /**
   * Calls {@code listener} with a snapshot after every cycle: on the calling thread with {@link #run()}, on the thread
   * that completed the cycle's traceroute with {@link #runAsync()} (keep it short there).
   */
  public MtrRequest onCycle(MtrListener listener) {
    return with(spec.mode(), spec.strategy(), spec.maxHops(), spec.cycles(), spec.interval(), spec.probeTimeout(),
        Objects.requireNonNull(listener, "listener"));
  }

  /**
   * The deadline of the whole run; by default cycles × interval plus room for the last cycle. Cycles that do not
   * fit are not run.
   */
  @Override
  public MtrRequest timeout(Duration timeout) {
    Validate.timeout(timeout);
    return new MtrRequest(runner, spec.with(spec.mode(), spec.strategy(), spec.maxHops(), spec.cycles(),
        spec.interval(), spec.probeTimeout(), spec.listener(), timeout), true);
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  public MtrSpec spec() {
    return spec;
  }

  @Override
  public MtrResult run() {
    MtrCycles cycles = new MtrCycles(spec);
    for (long wait = cycles.untilNext(); wait >= 0; wait = cycles.untilNext()) {
      if (wait > 0 && !sleep(wait)) {
        break;
      }
      cycles.add(runner.run(cycles.next(), cycles.cycleDeadline()));
    }
    return cycles.result();
  }

  /** Waits for the next cycle; false when the thread was interrupted. */
  private static boolean sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The cycles on the runner's asynchronous traceroutes, timers between them: no thread waits for the run. */
  @Override
  public CompletableFuture<MtrResult> runAsync() {
    return AsyncMtr.start(runner, spec);
  }

  private MtrRequest with(TraceMode mode, TraceStrategy strategy, int maxHops, int cycles, Duration interval,
      Duration probeTimeout, MtrListener listener) {
    Duration timeout = timeoutSet ? spec.timeout() : natural(cycles, interval, probeTimeout);
    return new MtrRequest(runner, spec.with(mode, strategy, maxHops, cycles, interval, probeTimeout, listener,
        timeout), timeoutSet);
  }

  @Override
  public String toString() {
    return "MtrRequest" + spec;
  }
}
