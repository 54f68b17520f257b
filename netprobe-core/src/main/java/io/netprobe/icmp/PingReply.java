package io.netprobe.icmp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One echo reply: a line of {@code ping}'s output ({@code 64 bytes from 8.8.8.8: icmp_seq=1 ttl=117 time=28.1 ms}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence the ICMP sequence number
 * @param source the address the reply came from
 * @param ttl the TTL (hop limit) of the reply, or -1 when the method cannot see it
 * @param size the ICMP message size in bytes
 * @param rtt the round-trip time (from kernel timestamps when available)
 * @param duplicate whether this sequence number had already been answered ({@code DUP!})
 * @param rttSource which clocks {@code rtt} was read from
 */
public record PingReply(int sequence, InetAddress source, int ttl, int size, Duration rtt, boolean duplicate,
    RttSource rttSource) {
  public PingReply {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(rtt, "rtt");
    Objects.requireNonNull(rttSource, "rttSource");
  }

  /** A reply whose RTT was measured with the JVM's monotonic clock ({@link RttSource#MONOTONIC}). */
  public PingReply(int sequence, InetAddress source, int ttl, int size, Duration rtt, boolean duplicate) {
    this(sequence, source, ttl, size, rtt, duplicate, RttSource.MONOTONIC);
  }
}
