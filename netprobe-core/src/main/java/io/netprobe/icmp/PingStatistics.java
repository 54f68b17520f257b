package io.netprobe.icmp;

import java.time.Duration;
import java.util.List;

/**
 * Round-trip statistics with iputils {@code ping}'s definitions: min, avg (arithmetic mean), max, and mdev — the
 * population standard deviation {@code sqrt(mean(rtt²) - mean(rtt)²)} — plus jitter, the mean absolute difference
 * between consecutive RTTs (RFC 3550 style, without smoothing). Duplicates are not counted.
 *
 * <p>Immutable and thread-safe.
 */
public record PingStatistics(Duration min, Duration avg, Duration max, Duration mdev, Duration jitter) {

  /** Statistics of the given RTTs, in order of arrival; all zero for an empty list. */
  public static PingStatistics of(List<Duration> rtts) {
    if (rtts.isEmpty()) {
      return new PingStatistics(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
    double sum = 0;
    double sumSquares = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    double jitterSum = 0;
    long previous = -1;
    for (Duration d : rtts) {
      long n = d.toNanos();
      sum += n;
      sumSquares += (double) n * n;
      min = Math.min(min, n);
      max = Math.max(max, n);
      if (previous >= 0) {
        jitterSum += Math.abs(n - previous);
      }
      previous = n;
    }
    double mean = sum / rtts.size();
    double variance = Math.max(0, sumSquares / rtts.size() - mean * mean);
    double jitter = rtts.size() > 1 ? jitterSum / (rtts.size() - 1) : 0;
    return new PingStatistics(Duration.ofNanos(min), Duration.ofNanos(Math.round(mean)), Duration.ofNanos(max),
        Duration.ofNanos(Math.round(Math.sqrt(variance))), Duration.ofNanos(Math.round(jitter)));
  }
}
