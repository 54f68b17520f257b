package io.netprobe.health;

import io.netprobe.core.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one run of a {@link HealthCheck}: the verdict, why, and details taken from the probe result.
 *
 * <p>{@code details} holds only JSON-ready values — strings, numbers, booleans and lists of those — so it can be
 * handed to any JSON mapper, Spring Boot's {@code Health.withDetails} or MicroProfile's {@code withData} unchanged.
 * Durations appear there as milliseconds under keys ending in {@code Ms}, instants as ISO-8601 text, addresses as
 * text. No header values, URL query strings or user info are put there.
 *
 * <p>Immutable and thread-safe.
 *
 * @param check the check's name
 * @param status the verdict
 * @param reason why, in one sentence
 * @param failureKind the probe's failure kind, when the probe failed
 * @param details facts from the probe result, in a stable order
 * @param checkedAt when the probe started
 * @param duration how long the probe took
 */
public record HealthResult(String check, HealthStatus status, String reason, Optional<FailureKind> failureKind,
    Map<String, Object> details, Instant checkedAt, Duration duration) {

  public HealthResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(failureKind, "failureKind");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    Objects.requireNonNull(checkedAt, "checkedAt");
    Objects.requireNonNull(duration, "duration");
  }

  /** How old this result is at {@code now}: the time since its probe finished; never negative. */
  public Duration ageAt(Instant now) {
    Duration age = Duration.between(checkedAt.plus(duration), now);
    return age.isNegative() ? Duration.ZERO : age;
  }
}
