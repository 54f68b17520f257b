package io.netprobe.dns;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An iterative resolution from the root ({@code dig +trace}): every step, and the final response. It succeeds when
 * the last step is an answer with records; NXDOMAIN and NODATA end it with those failures, as for a plain lookup.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the question
 * @param steps the steps in order, including those that resolved glueless name-server names (their zone shows which)
 * @param answer the final response, when the trace reached an authoritative server that answered
 * @param backend the backend id
 * @param started when the trace started
 * @param elapsed how long it took
 * @param failure why there is no answer; empty on success
 */
public record DnsTraceResult(DnsSpec query, List<DnsTraceStep> steps, Optional<DnsResult> answer, String backend,
    Instant started, Duration elapsed, Optional<ProbeFailure> failure) implements ProbeResult {

  public DnsTraceResult {
    Objects.requireNonNull(query, "query");
    steps = List.copyOf(steps);
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** The zones walked through, in order ({@code ".", "test.", "example.test."}). */
  public List<String> zones() {
    return steps.stream().map(DnsTraceStep::zone).distinct().toList();
  }

  @Override
  public DnsTraceResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
