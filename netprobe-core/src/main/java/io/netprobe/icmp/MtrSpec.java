package io.netprobe.icmp;

import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

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
    Duration probeTimeout, MtrListener listener, Duration timeout, Optional<IpPreference> ipPreference,
    OptionalInt port) {
  /** A spec without an IP preference, to the mode's usual port. */
  public MtrSpec(Host host, TraceMode mode, TraceStrategy strategy, int maxHops, int cycles, Duration interval,
      Duration probeTimeout, MtrListener listener, Duration timeout) {
    this(host, mode, strategy, maxHops, cycles, interval, probeTimeout, listener, timeout, Optional.empty(),
        OptionalInt.empty());
  }

  /** A spec to the mode's usual port. */
  public MtrSpec(Host host, TraceMode mode, TraceStrategy strategy, int maxHops, int cycles, Duration interval,
      Duration probeTimeout, MtrListener listener, Duration timeout, Optional<IpPreference> ipPreference) {
    this(host, mode, strategy, maxHops, cycles, interval, probeTimeout, listener, timeout, ipPreference,
        OptionalInt.empty());
  }

  public MtrSpec {
    Objects.requireNonNull(ipPreference, "ipPreference");
    Objects.requireNonNull(port, "port");
    if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port.getAsInt());
    }
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
        ipPreference, port);
  }

  MtrSpec withIpPreference(Optional<IpPreference> ipPreference) {
    return new MtrSpec(host, mode, strategy, maxHops, cycles, interval, probeTimeout, listener, timeout,
        ipPreference, port);
  }

  MtrSpec withPort(OptionalInt port) {
    return new MtrSpec(host, mode, strategy, maxHops, cycles, interval, probeTimeout, listener, timeout,
        ipPreference, port);
  }

  /** The destination port of every probe: the one asked for, else the mode's usual one (80 for TCP). */
  public int destinationPort() {
    return port.orElse(mode == TraceMode.TCP ? TracerouteRequest.DEFAULT_TCP_PORT : TracerouteRequest.DEFAULT_PORT);
  }
}
