package io.netprobe.cli;

import io.netprobe.icmp.PingSweepSpec;
import java.time.Duration;

/**
 * When a sweep sends its echoes: host i's n-th echo at {@code i * spacing + (n - 1) * interval}. Used to draw
 * progress while the sweep runs. Immutable; thread-safe.
 */
final class SweepSchedule {
  private final int hosts;
  private final int count;
  private final long spacingNanos;
  private final long intervalNanos;

  SweepSchedule(PingSweepSpec spec) {
    this(spec.hosts().size(), spec.count(), spec.spacing(), spec.interval());
  }

  SweepSchedule(int hosts, int count, Duration spacing, Duration interval) {
    this.hosts = hosts;
    this.count = count;
    this.spacingNanos = spacing.toNanos();
    this.intervalNanos = interval.toNanos();
  }

  int echoes() {
    return hosts * count;
  }

  /** How many echoes are due by {@code elapsed} after the start. */
  int sentBy(Duration elapsed) {
    long t = elapsed.toNanos();
    long started = spacingNanos == 0 ? hosts : Math.min(hosts, t / spacingNanos + 1);
    long sent = 0;
    for (long i = 0; i < started; i++) {
      long since = t - i * spacingNanos;
      sent += Math.min(count, since / intervalNanos + 1);
    }
    return (int) Math.min(echoes(), sent);
  }
}
