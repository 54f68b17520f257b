package io.netprobe.exporter.internal.probe;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The answer to one {@code /probe}. Immutable and thread-safe.
 *
 * @param success {@code probe_success}
 * @param failureKind why it failed, when it did
 * @param metrics the metrics text
 * @param logText the probe's log (the debug page and {@code /logs?id=}), made when first asked for: most probes'
 *     logs are never read
 */
public record ProbeOutcome(boolean success, Optional<String> failureKind, String metrics, Supplier<String> logText) {
  /** The probe's log. */
  public String log() {
    return logText.get();
  }

  /** A supplier that computes once. */
  public static Supplier<String> once(Supplier<String> s) {
    return new Supplier<>() {
      private volatile String value;

      @Override
      public String get() {
        String v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              v = s.get();
              value = v;
            }
          }
        }
        return v;
      }
    };
  }
}
