package io.netprobe.core;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * A point on the monotonic clock ({@link System#nanoTime()}) by which a probe must be done. Every probe runs under
 * exactly one deadline, created when it starts from the request's timeout; retries, redirects and hops ask it how
 * much time is left instead of each starting a fresh timeout.
 *
 * <p>Immutable and thread-safe.
 */
@SuppressWarnings("exports") // jsr305's @Nullable is documentation, read from the class path: consumers need not read it
public final class Deadline implements Comparable<Deadline> {
  private final long deadlineNanos;
  private final long startNanos;

  private Deadline(long startNanos, long deadlineNanos) {
    this.startNanos = startNanos;
    this.deadlineNanos = deadlineNanos;
  }

  /** A deadline {@code timeout} from now. */
  public static Deadline after(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    long now = System.nanoTime();
    return new Deadline(now, now + saturatedNanos(timeout));
  }

  /** The earlier of this deadline and one {@code timeout} from now; used for per-attempt limits inside a probe. */
  public Deadline atMost(Duration timeout) {
    long now = System.nanoTime();
    long candidate = now + saturatedNanos(timeout);
    return candidate - deadlineNanos < 0 ? new Deadline(startNanos, candidate) : this;
  }

  /** Time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(remainingNanos());
  }

  /** Time left in nanoseconds, never negative. */
  public long remainingNanos() {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  /**
   * Time left in whole milliseconds, rounded up and at least 1 while the deadline has not passed, 0 after — suitable
   * for {@code Socket.setSoTimeout}, where 0 would mean "forever". Callers must check {@link #isExpired()} first.
   */
  public int remainingMillisForSocket() {
    long nanos = remainingNanos();
    if (nanos == 0) {
      return 0;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(nanos + 999_999);
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, millis));
  }

  public boolean isExpired() {
    return deadlineNanos - System.nanoTime() <= 0;
  }

  /** Time since this deadline was created. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** The value of {@link System#nanoTime()} at which this deadline passes. */
  public long nanoTime() {
    return deadlineNanos;
  }

  @Override
  public int compareTo(Deadline other) {
    return Long.compare(deadlineNanos - other.deadlineNanos, 0);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Deadline && ((Deadline) o).deadlineNanos == deadlineNanos;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(deadlineNanos);
  }

  @Override
  public String toString() {
    return "Deadline[remaining=" + remaining() + "]";
  }

  private static long saturatedNanos(Duration d) {
    try {
      return Math.max(0, d.toNanos());
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE / 4;
    }
  }
}
