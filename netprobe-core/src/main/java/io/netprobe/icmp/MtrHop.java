package io.netprobe.icmp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of mtr: what answered at one TTL over the cycles so far and how. Times are empty until a probe was
 * answered; the standard deviation is the sample one (n − 1), as mtr computes it; jitter is the absolute difference
 * of consecutive answered RTTs (mtr's J, M and X columns).
 *
 * <p>Immutable and thread-safe.
 *
 * @param ttl the TTL (hop number)
 * @param addresses every address that answered, in the order first seen (more than one behind a load balancer)
 * @param sent probes sent with this TTL
 * @param received probes answered
 * @param last the latest answered RTT
 * @param best the smallest RTT
 * @param worst the largest RTT
 * @param average the mean RTT
 * @param stdev the sample standard deviation of the RTTs (needs two answers)
 * @param jitter the latest jitter, |last − the answer before it|
 * @param jitterAverage the mean jitter
 * @param jitterWorst the largest jitter
 */
public record MtrHop(int ttl, List<InetAddress> addresses, int sent, int received, Optional<Duration> last,
    Optional<Duration> best, Optional<Duration> worst, Optional<Duration> average, Optional<Duration> stdev,
    Optional<Duration> jitter, Optional<Duration> jitterAverage, Optional<Duration> jitterWorst) {
  public MtrHop {
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(last, "last");
    Objects.requireNonNull(best, "best");
    Objects.requireNonNull(worst, "worst");
    Objects.requireNonNull(average, "average");
    Objects.requireNonNull(stdev, "stdev");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(jitterAverage, "jitterAverage");
    Objects.requireNonNull(jitterWorst, "jitterWorst");
  }

  /** The share of probes lost, in percent (0 when none was sent). */
  public double lossPercent() {
    return sent == 0 ? 0 : 100.0 * (sent - received) / sent;
  }
}
