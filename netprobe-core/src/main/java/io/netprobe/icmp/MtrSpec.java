package io.netprobe.icmp;

import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link MtrRequest} runs: mtr's options.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the destination
 * @param mode UDP or ICMP probes
 * @param strategy the flow strategy of every cycle's probes ({@link TraceStrategy#PARIS} by default, so that
 *     every cycle measures the same path)
 * @param maxHops the last TTL ({@code -m})
 * @param cycles how many cycles to run ({@code -c})
 * @param interval the time between the starts of two cycles ({@code -i})
 * @param probeTimeout how long to wait for each probe
 * @param listener receives a snapshot after every cycle
 * @param timeout the deadline of the whole run
 * @param ipPreference which address of a resolved name to trace to ({@code mtr -4}/{@code -6}); empty: the
 *     resolver's first
 */
public record MtrSpec(Host host, TraceMode mode, TraceStrategy strategy, int maxHops, int cycles, Duration interval,
    Duration probeTimeout, MtrListener listener, Duration timeout, Optional<IpPreference> ipPreference) {
  /** A spec without an IP preference. */
  public MtrSpec(Host host, TraceMode mode, TraceStrategy strategy, int maxHops, int cycles, Duration interval,
      Duration probeTimeout, MtrListener listener, Duration timeout) {
    this(host, mode, strategy, maxHops, cycles, interval, probeTimeout, listener, timeout, Optional.empty());
  }

  public MtrSpec {
    Objects.requireNonNull(ipPreference, "ipPreference");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(probeTimeout, "probeTimeout");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(timeout, "timeout");
    if (maxHops < 1 || maxHops > 255 || cycles < 1) {
      throw new IllegalArgumentException("need maxHops 1-255 and cycles >= 1, was maxHops=" + maxHops + ", cycles="
          + cycles);
    }
  }

  MtrSpec with(TraceMode mode, TraceStrategy strategy, int maxHops, int cycles, Duration interval,
      Duration probeTimeout, MtrListener listener, Duration timeout) {
    return new MtrSpec(host, mode, strategy, maxHops, cycles, interval, probeTimeout, listener, timeout,
        ipPreference);
  }

  MtrSpec withIpPreference(Optional<IpPreference> ipPreference) {
    return new MtrSpec(host, mode, strategy, maxHops, cycles, interval, probeTimeout, listener, timeout,
        ipPreference);
  }
}
