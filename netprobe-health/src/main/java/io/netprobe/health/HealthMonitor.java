package io.netprobe.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * Runs {@link HealthCheck}s in the background and keeps each one's last result, so that a health endpoint answers
 * at once from {@link #snapshot()} and never waits on the network.
 *
 * <p>Each check first runs when the monitor {@link #start() starts}, then {@link HealthCheck#interval()} after each
 * run ends; runs of one check never overlap. Probes run asynchronously on their client's executor, so a slow probe
 * delays only its own check. A single daemon thread named {@code netprobe-health} does the scheduling.
 *
 * <pre>{@code
 * HealthMonitor monitor = HealthMonitor.builder()
 *     .add(HealthCheck.of("web", Probes.http("https://example.com"), HealthRules.http2xx()))
 *     .build().start();
 * HealthSnapshot now = monitor.snapshot();  // returns at once
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops scheduling; probes that are running finish by their deadlines.
 */
public final class HealthMonitor implements AutoCloseable {
  /** Added to interval + timeout before a result counts as stale, to absorb scheduling delays on a loaded machine. */
  public static final Duration STALE_GRACE = Duration.ofSeconds(5);

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Clock clock;
  private final Map<String, Entry> entries;
  private final ScheduledExecutorService scheduler;
  private volatile boolean started;
  private volatile boolean closed;

  private HealthMonitor(Builder b) {
    this.clock = b.clock;
    this.entries = new LinkedHashMap<>();
    for (HealthCheck<?> c : b.checks) {
      entries.put(c.name(), new Entry(c));
    }
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "netprobe-health-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts running every check now and then on its interval. Returns this monitor at once.
   *
   * @throws IllegalStateException when already started or closed
   */
  public synchronized HealthMonitor start() {
    if (started || closed) {
      throw new IllegalStateException(closed ? "the monitor is closed" : "the monitor is already started");
    }
    started = true;
    for (Entry e : entries.values()) {
      scheduler.execute(() -> runOnce(e));
    }
    return this;
  }

  /** The names of the checks, in the order added. */
  public List<String> checkNames() {
    return List.copyOf(entries.keySet());
  }

  /** Every check's last result and its age, without waiting for any probe. */
  public HealthSnapshot snapshot() {
    Instant now = clock.instant();
    List<CheckState> states = new ArrayList<>();
    HealthStatus combined = HealthStatus.UP;
    for (Entry e : entries.values()) {
      CheckState s = e.state(now);
      states.add(s);
      combined = combined.worst(s.status());
    }
    return new HealthSnapshot(combined, states, now);
  }

  /** One check's state, without waiting for its probe. */
  public Optional<CheckState> state(String name) {
    Entry e = entries.get(name);
    return e == null ? Optional.empty() : Optional.of(e.state(clock.instant()));
  }

  /** Stops scheduling further runs. Probes already running end by their deadlines; their results are dropped. */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
  }

  private void runOnce(Entry e) {
    if (closed) {
      return;
    }
    e.running = true;
    e.check.runAsync(clock).whenComplete((result, error) -> {
      if (result != null) {
        e.record(result, clock.instant());
      }
      e.running = false;
      scheduleNext(e);
    });
  }

  private void scheduleNext(Entry e) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(() -> runOnce(e), e.check.interval().toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // close() raced with the end of a probe: nothing more to schedule
    }
  }

  /** One check and its latest outcome; written by the probe's completion, read by snapshots. */
  private static final class Entry {
    final HealthCheck<?> check;
    final Duration staleAfter;
    volatile boolean running;
    private volatile @Nullable TimedResult last;

    Entry(HealthCheck<?> check) {
      this.check = check;
      this.staleAfter = check.interval().plus(check.timeout()).plus(STALE_GRACE);
    }

    void record(HealthResult result, Instant at) {
      last = new TimedResult(result, at);
    }

    CheckState state(Instant now) {
      TimedResult o = last;
      if (o == null) {
        return new CheckState(check.name(), HealthStatus.UNKNOWN, Optional.empty(), Optional.empty(), false, running);
      }
      Duration age = Duration.between(o.at(), now);
      if (age.isNegative()) {
        age = Duration.ZERO;
      }
      boolean stale = age.compareTo(staleAfter) > 0;
      return new CheckState(check.name(), stale ? HealthStatus.UNKNOWN : o.result().status(), Optional.of(o.result()),
          Optional.of(age), stale, running);
    }
  }

  private record TimedResult(HealthResult result, Instant at) {}

  /** Builds a {@link HealthMonitor}. Not thread-safe. */
  public static final class Builder {
    private final List<HealthCheck<?>> checks = new ArrayList<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Adds a check.
     *
     * @throws IllegalArgumentException when a check of that name was already added
     */
    public Builder add(HealthCheck<?> check) {
      Objects.requireNonNull(check, "check");
      if (checks.stream().anyMatch(c -> c.name().equals(check.name()))) {
        throw new IllegalArgumentException("a check named \"" + check.name() + "\" was already added");
      }
      checks.add(check);
      return this;
    }

    /** The clock for result ages and certificate expiry; the system clock by default. Tests pass their own. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public HealthMonitor build() {
      return new HealthMonitor(this);
    }
  }
}
