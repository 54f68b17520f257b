package io.netprobe.spi;

import io.netprobe.core.Deadline;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.PingSweepSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends ICMP echo requests. Implementations must return by the deadline, report lack of permission as a
 * PERMISSION_DENIED failure that says how to fix it, and close their sockets before returning. Thread-safe.
 *
 * <p>A backend does transport: it sends, matches replies and ICMP errors to its echoes and times them. The verdict —
 * received and duplicates, statistics, success with one reply, the failure kind of an ICMP error — is core's:
 * build the result with {@link PingResult#of} and the errors with {@link io.netprobe.icmp.IcmpError#of}, as the fake
 * does too.
 */
public interface PingBackend extends Backend {
  PingResult ping(PingSpec spec, Deadline deadline);

  /**
   * {@link #ping} without a thread waiting: the future completes by the deadline. This default runs {@link #ping}
   * on the engine's bounded blocking executor; backends built on the engine override it.
   */
  default CompletableFuture<PingResult> pingAsync(PingSpec spec, Deadline deadline, ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> ping(spec, deadline), engine.blocking());
  }

  /** {@link #sweep} without a thread waiting; see {@link #pingAsync}. */
  default CompletableFuture<PingSweepResult> sweepAsync(PingSweepSpec spec, Deadline deadline, ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> sweep(spec, deadline), engine.blocking());
  }

  /**
   * Pings many hosts under one deadline. This default pings them one after another, each with what is left of the
   * deadline; real backends override it to ping them all at once over one socket per address family.
   */
  default PingSweepResult sweep(PingSweepSpec spec, Deadline deadline) {
    Instant started = Instant.now();
    List<PingResult> results = new ArrayList<>();
    spec.hosts().forEach(h -> results.add(ping(spec.specFor(h), deadline)));
    return new PingSweepResult(spec, results, id(), started, deadline.elapsed(),
        Optional.empty());
  }
}
