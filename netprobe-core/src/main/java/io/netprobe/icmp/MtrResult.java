package io.netprobe.icmp;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an mtr measured: per hop loss and RTT statistics over the cycles run. A run that completed some cycles is a
 * success even when the destination never answered (its hop shows the loss); failures are the cases with no
 * measurement at all (name not found, permission denied).
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec what was asked
 * @param address the destination address, when the name resolved
 * @param hops one per TTL up to the destination (once it answered) or the last TTL
 * @param cycles how many cycles completed
 * @param backend the traceroute backend's id
 * @param started when the run started
 * @param elapsed how long it took
 * @param failure why there is no measurement; empty on success
 */
public record MtrResult(MtrSpec spec, Optional<InetAddress> address, List<MtrHop> hops, int cycles, String backend,
    Instant started, Duration elapsed, Optional<ProbeFailure> failure) implements ProbeResult {
  public MtrResult {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(address, "address");
    hops = List.copyOf(hops);
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  @Override
  public MtrResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
