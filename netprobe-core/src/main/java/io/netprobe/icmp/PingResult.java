package io.netprobe.icmp;

import io.netprobe.ProbeFailure;
import io.netprobe.ProbeResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code ping -c N} prints, as values. A ping that got at least one reply is a success (loss is in
 * {@link #lossPercent()}); one with no reply at all fails with TIMEOUT, or with the ICMP error received
 * (HOST_UNREACHABLE, …), or PERMISSION_DENIED with instructions when ICMP is not allowed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec what was asked
 * @param address the address pinged, when the name resolved
 * @param method how the pings were sent, when any were
 * @param transmitted echo requests sent
 * @param received distinct sequence numbers answered
 * @param duplicates extra replies for already answered sequences
 * @param replies every reply in order of arrival, duplicates included
 * @param errors ICMP errors received
 * @param statistics RTT statistics over non-duplicate replies
 * @param backend the backend id
 * @param started when the probe started
 * @param elapsed how long it took
 * @param failure why it failed; empty when at least one reply came
 */
public record PingResult(PingSpec spec, Optional<InetAddress> address, Optional<PingMethod> method, int transmitted,
    int received, int duplicates, List<PingReply> replies, List<IcmpError> errors, PingStatistics statistics,
    String backend, Instant started, Duration elapsed, Optional<ProbeFailure> failure) implements ProbeResult {

  public PingResult {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(method, "method");
    replies = List.copyOf(replies);
    errors = List.copyOf(errors);
    Objects.requireNonNull(statistics, "statistics");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** A result with no replies, for failures before or during sending. */
  public static PingResult failed(PingSpec spec, Optional<InetAddress> address, Optional<PingMethod> method,
      int transmitted, List<IcmpError> errors, ProbeFailure failure, String backend, Instant started,
      Duration elapsed) {
    return new PingResult(spec, address, method, transmitted, 0, 0, List.of(), errors, PingStatistics.of(List.of()),
        backend, started, elapsed, Optional.of(failure));
  }

  /** Packet loss as ping prints it: {@code 100 * (transmitted - received) / transmitted}; 0 when none was sent. */
  public double lossPercent() {
    return transmitted == 0 ? 0 : 100.0 * (transmitted - received) / transmitted;
  }

  @Override
  public PingResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
