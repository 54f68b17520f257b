package io.netprobe.health;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A named probe request plus a {@link HealthRule}, run every {@link #interval()} by a {@link HealthMonitor} or on
 * demand with {@link #run()}.
 *
 * <pre>{@code
 * HealthCheck.of("upstream", Probes.http("https://api.example.com/health"), HealthRules.http2xx())
 *     .every(Duration.ofSeconds(15));
 * HealthCheck.of("db-port", Probes.tcp("db.internal", 5432), HealthRules.succeeds());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <R> the probe's result type
 */
public final class HealthCheck<R extends ProbeResult> {
  /** How often a check runs unless {@link #every(Duration)} says otherwise. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
  /** The shortest interval allowed; health checks are not load tests. */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(100);

  private final String name;
  private final ProbeRequest<R, ?> request;
  private final HealthRule<? super R> rule;
  private final Duration interval;

  private HealthCheck(String name, ProbeRequest<R, ?> request, HealthRule<? super R> rule, Duration interval) {
    this.name = name;
    this.request = request;
    this.rule = rule;
    this.interval = interval;
  }

  /**
   * A check named {@code name} that runs {@code request} and judges its result with {@code rule}.
   *
   * @throws IllegalArgumentException when the name is not 1–64 characters of letters, digits, {@code . _ -}
   */
  public static <R extends ProbeResult> HealthCheck<R> of(String name, ProbeRequest<R, ?> request,
      HealthRule<? super R> rule) {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException("check name must be 1 to 64 letters, digits, '.', '_' or '-', was \""
          + name + "\"");
    }
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(rule, "rule");
    return new HealthCheck<>(name, request, rule, DEFAULT_INTERVAL);
  }

  /**
   * The same check, run every {@code interval} (measured from the end of one run to the start of the next, so runs
   * never overlap).
   *
   * @throws IllegalArgumentException below {@link #MIN_INTERVAL} or above one day
   */
  public HealthCheck<R> every(Duration interval) {
    Arguments.positive("interval", interval, Duration.ofDays(1));
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL.toMillis() + " ms, was "
          + interval);
    }
    return new HealthCheck<>(name, request, rule, interval);
  }

  public String name() {
    return name;
  }

  public ProbeRequest<R, ?> request() {
    return request;
  }

  public Duration interval() {
    return interval;
  }

  /** The probe's deadline: a run never takes (much) longer. */
  public Duration timeout() {
    return request.timeout();
  }

  /** Runs the probe on the calling thread and judges it. Returns by the probe's deadline. */
  public HealthResult run() {
    return judge(request.run(), Clock.systemUTC());
  }

  /** Runs the probe on the request's client executor; the future never completes exceptionally. */
  public CompletableFuture<HealthResult> runAsync(Clock clock) {
    CompletableFuture<R> probe;
    try {
      probe = request.runAsync();
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(internalError("the probe could not start: " + e, clock.instant()));
    }
    return probe.handle((result, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return internalError("the probe could not run: " + cause.getMessage(), clock.instant());
      }
      try {
        return judge(result, clock);
      } catch (RuntimeException e) {
        return internalError("judging the result failed: " + e, clock.instant());
      }
    });
  }

  /** Judges a result of this check's probe with its rule. */
  public HealthResult judge(R result, Clock clock) {
    Instant now = clock.instant();
    HealthVerdict verdict;
    try {
      verdict = Objects.requireNonNull(rule.evaluate(result, now), "the rule returned null");
    } catch (RuntimeException e) {
      verdict = HealthVerdict.down("the rule failed: " + e);
    }
    Map<String, Object> details = ResultDetails.of(result, now);
    return new HealthResult(name, verdict.status(), ResultDetails.redactQueries(verdict.reason()),
        result.failureKind(), details,
        result.started(), result.elapsed());
  }

  private HealthResult internalError(String message, Instant now) {
    return new HealthResult(name, HealthStatus.DOWN, message, Optional.of(FailureKind.INTERNAL_ERROR),
        Map.of("failureKind", FailureKind.INTERNAL_ERROR.name(), "failure", message), now, Duration.ZERO);
  }

  @Override
  public String toString() {
    return "HealthCheck[" + name + ", " + request + ", every " + interval + "]";
  }
}
