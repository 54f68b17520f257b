package io.netprobe.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.netprobe.core.Deadline;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeSpec;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * A {@link ProbeRunner} that runs every probe through another one (usually a {@code ProbeClient}) and measures it:
 *
 * <ul>
 *   <li>with an {@link ObservationRegistry}: an {@link Observation} named {@value #NAME} (contextual name
 *       {@code netprobe <kind>}), so a tracing backend sees one span per probe; a meter observation handler — Spring
 *       Boot installs one — turns it into the timer {@value #NAME} and the long-task timer {@code netprobe.probe.active};
 *       a failed probe is marked as the observation's error ({@code NetprobeException}, with the failure kind);
 *   <li>with only a {@link MeterRegistry}: the timer {@value #NAME} directly, with a percentile histogram when asked.
 * </ul>
 *
 * <p>Tags (low cardinality): {@code kind} ({@code http}, {@code dns}, {@code tcp}, {@code ping}, {@code traceroute},
 * {@code sockets}, {@code diagnose}, …), {@code target} (a host, {@code host:port} or {@code scheme://host[:port]};
 * never a path, query or user info; {@code other} beyond {@link Builder#maxTargets(int)} distinct targets) and
 * {@code failure} (a {@code FailureKind} name, or {@code none}).
 *
 * <p>Requests take their runner when they are made: build them with this runner
 * ({@code DnsRequest.create(runner, name)}, {@code CheckDefinitions.using(runner)}).
 *
 * <p>Immutable and thread-safe.
 */
public final class ObservedProbeRunner implements ProbeRunner {
  /** The name of the observation and of the timer. */
  public static final String NAME = "netprobe.probe";
  /** The {@code failure} tag of a probe that succeeded. */
  public static final String NO_FAILURE = "none";

  private final ProbeRunner delegate;
  private final @Nullable MeterRegistry meters;
  private final @Nullable ObservationRegistry observations;
  private final boolean percentileHistogram;
  private final ProbeTags tags;

  private ObservedProbeRunner(Builder b) {
    this.delegate = b.delegate;
    this.meters = b.meters;
    this.observations = b.observations;
    this.percentileHistogram = b.percentileHistogram;
    this.tags = new ProbeTags(b.maxTargets);
  }

  /** A builder for a runner that runs probes through {@code delegate}. */
  public static Builder builder(ProbeRunner delegate) {
    return new Builder(Objects.requireNonNull(delegate, "delegate"));
  }

  /** The runner probes really run on. */
  public ProbeRunner delegate() {
    return delegate;
  }

  @Override
  public Duration timeout() {
    return delegate.timeout();
  }

  @Override
  public Executor executor() {
    return delegate.executor();
  }

  @Override
  public <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline) {
    Measurement m = start(spec);
    R result;
    try {
      result = delegate.run(spec, deadline);
    } catch (RuntimeException e) {
      m.thrown(e);
      throw e;
    }
    m.finished(result);
    return result;
  }

  @Override
  public <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline) {
    Measurement m = start(spec);
    CompletableFuture<R> future;
    try {
      future = delegate.runAsync(spec, deadline);
    } catch (RuntimeException e) {
      m.thrown(e);
      throw e;
    }
    return future.whenComplete((result, error) -> {
      if (result != null) {
        m.finished(result);
      } else {
        m.thrown(error);
      }
    });
  }

  private Measurement start(ProbeSpec<?> spec) {
    String kind = ProbeTags.kind(spec);
    String target = tags.target(spec);
    if (observations != null && !observations.isNoop()) {
      Observation o = Observation.createNotStarted(NAME, observations)
          .contextualName("netprobe " + kind)
          .lowCardinalityKeyValue("kind", kind)
          .lowCardinalityKeyValue("target", target)
          .start();
      return new Measurement(kind, target, o, 0L);
    }
    return new Measurement(kind, target, null, System.nanoTime());
  }

  /** One probe being measured: an observation, or a start time for the timer. */
  private final class Measurement {
    private final String kind;
    private final String target;
    private final @Nullable Observation observation;
    private final long startNanos;

    Measurement(String kind, String target, @Nullable Observation observation, long startNanos) {
      this.kind = kind;
      this.target = target;
      this.observation = observation;
      this.startNanos = startNanos;
    }

    void finished(ProbeResult result) {
      String failure = result.failureKind().map(Enum::name).orElse(NO_FAILURE);
      if (observation != null) {
        observation.lowCardinalityKeyValue("failure", failure);
        result.failure().map(ProbeFailure::toException).ifPresent(observation::error);
        observation.stop();
      } else if (meters != null) {
        timer(failure).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
      }
    }

    void thrown(Throwable error) {
      if (observation != null) {
        observation.lowCardinalityKeyValue("failure", "INTERNAL_ERROR");
        observation.error(error);
        observation.stop();
      } else if (meters != null) {
        timer("INTERNAL_ERROR").record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
      }
    }

    private Timer timer(String failure) {
      Timer.Builder b = Timer.builder(NAME)
          .description("netprobe probes: how long each took, by kind, target and failure kind")
          .tag("kind", kind)
          .tag("target", target)
          .tag("failure", failure);
      if (percentileHistogram) {
        b.publishPercentileHistogram();
      }
      return b.register(Objects.requireNonNull(meters));
    }
  }

  @Override
  public String toString() {
    return "ObservedProbeRunner[" + delegate + "]";
  }

  /** Builds an {@link ObservedProbeRunner}. Not thread-safe. */
  public static final class Builder {
    private final ProbeRunner delegate;
    private @Nullable MeterRegistry meters;
    private @Nullable ObservationRegistry observations;
    private boolean percentileHistogram;
    private int maxTargets = 100;

    private Builder(ProbeRunner delegate) {
      this.delegate = delegate;
    }

    /** Where the timer goes when no observation registry is given. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meters = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Observe every probe in this registry (spans, and timers through its meter handler). */
    public Builder observationRegistry(ObservationRegistry registry) {
      this.observations = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Publish a percentile histogram with the timer (for {@code histogram_quantile} in Prometheus); off by default.
     * With an observation registry, configure it where its timers are made (Spring Boot:
     * {@code management.metrics.distribution.percentiles-histogram.netprobe.probe=true}).
     */
    public Builder percentileHistogram(boolean publish) {
      this.percentileHistogram = publish;
      return this;
    }

    /**
     * How many distinct {@code target} tag values this runner makes (100 by default); later targets are tagged
     * {@code other}.
     *
     * @throws IllegalArgumentException outside 1–10000
     */
    public Builder maxTargets(int maxTargets) {
      if (maxTargets < 1 || maxTargets > 10_000) {
        throw new IllegalArgumentException("maxTargets must be 1 to 10000, was " + maxTargets);
      }
      this.maxTargets = maxTargets;
      return this;
    }

    public ObservedProbeRunner build() {
      return new ObservedProbeRunner(this);
    }
  }
}
