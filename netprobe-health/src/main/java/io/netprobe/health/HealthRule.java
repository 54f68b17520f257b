package io.netprobe.health;

import io.netprobe.core.ProbeResult;
import java.time.Instant;
import java.util.Objects;

/**
 * Judges a probe result: the "rule" half of a {@link HealthCheck}. Ready-made rules are in {@link HealthRules};
 * write your own as a lambda. A rule that throws makes its check {@link HealthStatus#DOWN} with an internal-error
 * reason instead of breaking the monitor.
 *
 * <p>Implementations must be thread-safe and fast: they run on the monitor's thread and must not touch the network.
 *
 * @param <R> the result type it judges
 */
@FunctionalInterface
public interface HealthRule<R extends ProbeResult> {

  /**
   * The verdict for {@code result}.
   *
   * @param now the current time, for rules about expiry dates
   */
  HealthVerdict evaluate(R result, Instant now);

  /** A rule that applies this rule and {@code other} and keeps the more severe verdict. */
  default HealthRule<R> and(HealthRule<? super R> other) {
    Objects.requireNonNull(other, "other");
    return (result, now) -> evaluate(result, now).worst(other.evaluate(result, now));
  }
}
