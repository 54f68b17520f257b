package io.netprobe.icmp;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

  /**
   * The result of the echoes a backend sent and what came back, judged as iputils ping judges it — the one place
   * every backend and fake turns the wire into a verdict: {@code received} and {@code duplicates} are counted from
   * {@code replies} ({@link PingReply#duplicate()}), the statistics are over the non-duplicate replies, and the ping
   * is a success when at least one reply came. Otherwise it fails with the kind of the first ICMP error
   * ({@link IcmpError#failureKind()}), or with TIMEOUT.
   *
   * @param address the address pinged
   * @param method how the echoes were sent, when any were
   * @param transmitted how many echo requests (or TCP connects) went out
   * @param replies every reply in order of arrival, duplicates included
   * @param errors every ICMP error in order of arrival
   */
  public static PingResult of(PingSpec spec, InetAddress address, Optional<PingMethod> method, int transmitted,
      List<PingReply> replies, List<IcmpError> errors, String backend, Instant started, Duration elapsed) {
    // a loop, not a stream: every ping of a busy monitor ends here, most of them with no reply at all
    List<Duration> rtts = new ArrayList<>(replies.size());
    for (PingReply r : replies) {
      if (!r.duplicate()) {
        rtts.add(r.rtt());
      }
    }
    int duplicates = replies.size() - rtts.size();
    Optional<ProbeFailure> failure = rtts.isEmpty()
        ? Optional.of(noReply(spec, address, method, transmitted, errors)) : Optional.empty();
    return new PingResult(spec, Optional.of(address), method, transmitted, rtts.size(), duplicates, replies, errors,
        PingStatistics.of(rtts), backend, started, elapsed, failure);
  }

  private static ProbeFailure noReply(PingSpec spec, InetAddress address, Optional<PingMethod> method,
      int transmitted, List<IcmpError> errors) {
    String target = spec.host().ascii() + (spec.host().isLiteral() ? "" : " (" + Host.of(address).ascii() + ")");
    if (!errors.isEmpty()) {
      IcmpError e = errors.get(0);
      return ProbeFailure.of(e.failureKind(), "no echo reply from " + target + "; from "
          + Host.of(e.source()).ascii() + " icmp_seq=" + e.sequence() + " " + e.description() + " ("
          + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + ", " + transmitted + " transmitted)");
    }
    if (transmitted == 0) {
      return ProbeFailure.of(FailureKind.TIMEOUT, "the deadline passed before an echo request was sent to " + target);
    }
    boolean tcp = method.filter(m -> m == PingMethod.TCP_CONNECT).isPresent();
    String how = tcp ? "TCP connect to port " + spec.tcpFallbackPort().orElse(0) + " answered" : "echo reply";
    return ProbeFailure.of(FailureKind.TIMEOUT, "no " + how + " from " + target + ": " + transmitted
        + " transmitted, 0 received");
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
