package io.netprobe.exporter.internal.probe;

import io.netprobe.core.ProbeResult;
import java.util.Optional;

/**
 * How one prober judged its probe. Immutable and thread-safe.
 *
 * @param failureKind empty on success; else a netprobe {@code FailureKind} name or a policy name
 *     ({@code UNEXPECTED_STATUS}, {@code UNEXPECTED_RCODE}, {@code FAILED_DUE_TO_REGEX}, …)
 * @param result the library's result, for the debug page
 */
record Verdict(Optional<String> failureKind, Optional<ProbeResult> result) {
  static Verdict ok(ProbeResult r) {
    return new Verdict(Optional.empty(), Optional.of(r));
  }

  static Verdict failed(String kind) {
    return new Verdict(Optional.of(kind), Optional.empty());
  }

  static Verdict failed(String kind, ProbeResult r) {
    return new Verdict(Optional.of(kind), Optional.of(r));
  }

  /** Success unless {@code r} failed; then its failure kind. */
  static Verdict of(ProbeResult r) {
    return new Verdict(r.failure().map(f -> f.kind().name()), Optional.of(r));
  }
}
