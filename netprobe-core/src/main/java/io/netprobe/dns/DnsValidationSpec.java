package io.netprobe.dns;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link io.netprobe.spi.DnsBackend} is asked to validate: a question and the trust anchors to start from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query the question (the servers it names are the ones asked; system resolvers when empty)
 * @param trustAnchors DS or DNSKEY records in zone-file syntax, one per line (like {@code root.key})
 */
public record DnsValidationSpec(DnsSpec query, String trustAnchors) implements ProbeSpec<DnsValidationResult> {
  public DnsValidationSpec {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(trustAnchors, "trustAnchors");
  }

  public DnsValidationSpec withQuery(DnsSpec query) {
    return new DnsValidationSpec(query, trustAnchors);
  }

  public DnsValidationSpec withTrustAnchors(String trustAnchors) {
    return new DnsValidationSpec(query, trustAnchors);
  }

  /** The deadline of the question's lookup, which is the validation's. */
  @Override
  public Duration timeout() {
    return query.timeout();
  }

  @Override
  public DnsValidationResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return failed(query, failure, started, elapsed);
  }

  /** A validation of {@code query} that could not run: also when no trust anchor could be read. */
  static DnsValidationResult failed(DnsSpec query, ProbeFailure failure, Instant started, Duration elapsed) {
    return new DnsValidationResult(query, query.failed(failure, started, elapsed), Optional.empty(), Optional.empty(),
        "none", started, elapsed, Optional.of(failure));
  }
}
