package io.netprobe.icmp;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code fping} prints for many hosts, as values: one {@link PingResult} per host in the order asked. The sweep
 * itself succeeds whenever it could send (each host's result says whether that host answered); it fails only when
 * nothing could be sent at all, for example PERMISSION_DENIED with instructions.
 *
 * <p>Immutable and thread-safe.
 *
 * @param spec what was asked
 * @param results one result per host, in the order of {@code spec.hosts()}
 * @param backend the backend id
 * @param started when the sweep started
 * @param elapsed how long it took
 * @param failure why nothing could be sent; empty otherwise
 */
public record PingSweepResult(PingSweepSpec spec, List<PingResult> results, String backend, Instant started,
    Duration elapsed, Optional<ProbeFailure> failure) implements ProbeResult {
  public PingSweepResult {
    Objects.requireNonNull(spec, "spec");
    results = List.copyOf(results);
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** The result for {@code host} as it was given to the sweep. */
  public Optional<PingResult> result(String host) {
    Host wanted = Host.of(host);
    return results.stream().filter(r -> r.spec().host().equals(wanted)).findFirst();
  }

  /** The results of hosts that answered at least once ({@code fping -a}). */
  public List<PingResult> alive() {
    return results.stream().filter(r -> r.received() > 0).toList();
  }

  /** The results of hosts that never answered ({@code fping -u}). */
  public List<PingResult> unreachable() {
    return results.stream().filter(r -> r.received() == 0).toList();
  }

  /** Echo requests sent to all hosts. */
  public int transmitted() {
    return results.stream().mapToInt(PingResult::transmitted).sum();
  }

  /** Distinct replies received from all hosts. */
  public int received() {
    return results.stream().mapToInt(PingResult::received).sum();
  }

  /** Overall loss: {@code 100 * (transmitted - received) / transmitted}; 0 when nothing was sent. */
  public double lossPercent() {
    int sent = transmitted();
    return sent == 0 ? 0 : 100.0 * (sent - received()) / sent;
  }

  @Override
  public PingSweepResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
