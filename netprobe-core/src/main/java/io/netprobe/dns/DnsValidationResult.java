package io.netprobe.dns;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A DNSSEC-validated lookup: the response as the validator passes it on (AD set when secure), the verdict, and the
 * validator's reason. A bogus answer is a {@link io.netprobe.core.FailureKind#SERVER_FAILURE}, as a validating resolver
 * reports it; NXDOMAIN and NODATA are failures as for a plain lookup, whatever the verdict.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the question
 * @param response the validated response (for a bogus one: the SERVFAIL the validator made of it)
 * @param status the verdict, when validation could run
 * @param reason the validator's explanation (why bogus or insecure), when it gave one
 * @param backend the backend id
 * @param started when the lookup started
 * @param elapsed how long it took, with every DNSKEY and DS lookup of the chain
 * @param failure why there is no trustworthy answer; empty on success
 * @param problem for a bogus answer: what is wrong, with which record set, in which zone, when the backend could
 *     find it out (the {@code reason} then says the same in one line)
 */
public record DnsValidationResult(DnsSpec query, DnsResult response, Optional<DnssecStatus> status,
    Optional<String> reason, String backend, Instant started, Duration elapsed, Optional<ProbeFailure> failure,
    Optional<DnssecProblem> problem) implements ProbeResult {

  /** A result without a {@link DnssecProblem}: validation was secure or insecure, or the cause is unknown. */
  public DnsValidationResult(DnsSpec query, DnsResult response, Optional<DnssecStatus> status,
      Optional<String> reason, String backend, Instant started, Duration elapsed, Optional<ProbeFailure> failure) {
    this(query, response, status, reason, backend, started, elapsed, failure, Optional.empty());
  }

  public DnsValidationResult {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(problem, "problem");
  }

  /** True when the answer is proven authentic. */
  public boolean isSecure() {
    return status.filter(DnssecStatus.SECURE::equals).isPresent();
  }

  @Override
  public DnsValidationResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
