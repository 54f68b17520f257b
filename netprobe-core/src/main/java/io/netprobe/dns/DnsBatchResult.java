package io.netprobe.dns;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcomes of a batch of DNS questions, in the order they were given; each {@link DnsResult} carries its own
 * success or failure. The batch itself fails only when it could not run at all (no backend, no servers).
 *
 * <p>Immutable and thread-safe.
 *
 * @param results one result per question, in input order
 * @param backend the backend id
 * @param started when the batch started
 * @param elapsed how long the whole batch took
 * @param failure why the batch could not run; empty when it ran (whatever the single outcomes)
 */
public record DnsBatchResult(List<DnsResult> results, String backend, Instant started, Duration elapsed,
    Optional<ProbeFailure> failure) implements ProbeResult {

  public DnsBatchResult {
    results = List.copyOf(results);
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** How many questions got a NOERROR answer with records. */
  public long succeeded() {
    return results.stream().filter(DnsResult::isSuccess).count();
  }

  /** How many questions ended in each failure kind (NXDOMAIN, NODATA and timeouts included). */
  public Map<FailureKind, Long> failureCounts() {
    Map<FailureKind, Long> counts = new EnumMap<>(FailureKind.class);
    for (DnsResult r : results) {
      r.failureKind().ifPresent(k -> counts.merge(k, 1L, Long::sum));
    }
    return counts;
  }

  /** Questions answered per second of wall time (a response of any rcode counts). */
  public double queriesPerSecond() {
    long answered = results.stream().filter(r -> r.header().isPresent()).count();
    double seconds = elapsed.toNanos() / 1e9;
    return seconds == 0 ? 0 : answered / seconds;
  }

  @Override
  public DnsBatchResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
