package io.netprobe.icmp;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link io.netprobe.spi.PingBackend} is asked for a sweep: {@code fping}'s options.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hosts the targets, in order, without duplicates
 * @param count echo requests per target ({@code fping -c})
 * @param interval time between two echoes to the same target ({@code fping -p})
 * @param spacing time between any two echoes sent ({@code fping -i}); zero sends as fast as the socket takes them
 * @param replyTimeout how long to wait for each reply ({@code fping -t})
 * @param payloadSize ICMP payload bytes ({@code fping -b})
 * @param ttl the IP TTL / hop limit to send with, when set
 * @param timeout the deadline of the whole sweep
 * @param sendOptions don't-fragment ({@code fping -M}) and source address or interface ({@code fping -S / -I})
 */
public record PingSweepSpec(List<Host> hosts, int count, Duration interval, Duration spacing, Duration replyTimeout,
    int payloadSize, OptionalInt ttl, Duration timeout, SendOptions sendOptions)
    implements ProbeSpec<PingSweepResult> {
  public PingSweepSpec {
    hosts = List.copyOf(hosts);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(spacing, "spacing");
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(sendOptions, "sendOptions");
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one host");
    }
  }

  /** A sweep spec with the kernel's {@link SendOptions#DEFAULT}. */
  public PingSweepSpec(List<Host> hosts, int count, Duration interval, Duration spacing, Duration replyTimeout,
      int payloadSize, OptionalInt ttl, Duration timeout) {
    this(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, SendOptions.DEFAULT);
  }

  /** The per-host ping spec a result of this sweep carries. */
  public PingSpec specFor(Host host) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, OptionalInt.empty(),
        PingListener.NONE, timeout, sendOptions);
  }

  public PingSweepSpec withHosts(List<Host> hosts) {
    return new PingSweepSpec(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, sendOptions);
  }

  public PingSweepSpec withCount(int count) {
    return new PingSweepSpec(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, sendOptions);
  }

  public PingSweepSpec withInterval(Duration interval) {
    return new PingSweepSpec(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, sendOptions);
  }

  public PingSweepSpec withSpacing(Duration spacing) {
    return new PingSweepSpec(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, sendOptions);
  }

  public PingSweepSpec withReplyTimeout(Duration replyTimeout) {
    return new PingSweepSpec(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, sendOptions);
  }

  public PingSweepSpec withPayloadSize(int payloadSize) {
    return new PingSweepSpec(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, sendOptions);
  }

  public PingSweepSpec withTtl(OptionalInt ttl) {
    return new PingSweepSpec(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, sendOptions);
  }

  public PingSweepSpec withTimeout(Duration timeout) {
    return new PingSweepSpec(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, sendOptions);
  }

  /** Every host failed the same way. */
  public PingSweepSpec withSendOptions(SendOptions sendOptions) {
    return new PingSweepSpec(hosts, count, interval, spacing, replyTimeout, payloadSize, ttl, timeout, sendOptions);
  }

  @Override
  public PingSweepResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    List<PingResult> each = hosts.stream().map(h -> specFor(h).failed(failure, started, elapsed)).toList();
    return new PingSweepResult(this, each, "none", started, elapsed, Optional.of(failure));
  }
}
