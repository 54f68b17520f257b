package io.netprobe.exporter.internal.probe;

import java.util.Optional;

/**
 * The answer to one {@code /probe}. Immutable and thread-safe.
 *
 * @param success {@code probe_success}
 * @param failureKind why it failed, when it did
 * @param metrics the metrics text
 * @param log the probe's log (the debug page and {@code /logs?id=})
 */
public record ProbeOutcome(boolean success, Optional<String> failureKind, String metrics, String log) {}
