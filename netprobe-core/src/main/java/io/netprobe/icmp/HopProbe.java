package io.netprobe.icmp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe sent with a given TTL and what came back: an address and RTT, or nothing ({@code *}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param from who answered; empty when the probe went unanswered
 * @param rtt the round-trip time; empty when unanswered
 * @param icmpType the ICMP type of the answer (11 time exceeded, 3 destination unreachable, 0 echo reply; ICMPv6
 *     numbers for IPv6); -1 when unanswered
 * @param icmpCode the ICMP code; -1 when unanswered
 */
public record HopProbe(Optional<InetAddress> from, Optional<Duration> rtt, int icmpType, int icmpCode) {
  public HopProbe {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(rtt, "rtt");
  }

  /** An unanswered probe: traceroute's {@code *}. */
  public static HopProbe silent() {
    return new HopProbe(Optional.empty(), Optional.empty(), -1, -1);
  }

  public boolean answered() {
    return from.isPresent();
  }
}
