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
 * What a {@link io.netprobe.spi.PingBackend} is asked: {@code ping}'s options.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the target
 * @param count how many echo requests to send ({@code -c})
 * @param interval time between sends ({@code -i})
 * @param replyTimeout how long to wait for each reply ({@code -W})
 * @param payloadSize ICMP payload bytes ({@code -s}, default 56)
 * @param ttl the IP TTL / hop limit to send with ({@code -t}), when set
 * @param tcpFallbackPort when present, a TCP connect to this port is used if ICMP is not permitted
 * @param listener receives replies and errors as they arrive
 * @param timeout the deadline of the whole probe ({@code -w})
 * @param sendOptions don't-fragment ({@code -M do}) and source address or interface ({@code -I})
 */
public record PingSpec(Host host, int count, Duration interval, Duration replyTimeout, int payloadSize,
    OptionalInt ttl, OptionalInt tcpFallbackPort, PingListener listener, Duration timeout, SendOptions sendOptions)
    implements ProbeSpec<PingResult> {

  public static final int DEFAULT_PAYLOAD_SIZE = 56;
  /** The largest ICMP payload in an IPv4 datagram: 65535 - 20 (IP) - 8 (ICMP). */
  public static final int MAX_PAYLOAD_SIZE = 65507;

  public PingSpec {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(tcpFallbackPort, "tcpFallbackPort");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(sendOptions, "sendOptions");
  }

  /** A spec with the kernel's {@link SendOptions#DEFAULT}. */
  public PingSpec(Host host, int count, Duration interval, Duration replyTimeout, int payloadSize, OptionalInt ttl,
      OptionalInt tcpFallbackPort, PingListener listener, Duration timeout) {
    this(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        SendOptions.DEFAULT);
  }

  /** A spec without a listener ({@link PingListener#NONE}). */
  public PingSpec(Host host, int count, Duration interval, Duration replyTimeout, int payloadSize, OptionalInt ttl,
      OptionalInt tcpFallbackPort, Duration timeout) {
    this(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, PingListener.NONE, timeout,
        SendOptions.DEFAULT);
  }

  public PingSpec withHost(Host host) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  public PingSpec withCount(int count) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  public PingSpec withInterval(Duration interval) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  public PingSpec withReplyTimeout(Duration replyTimeout) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  public PingSpec withPayloadSize(int payloadSize) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  public PingSpec withTtl(OptionalInt ttl) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  public PingSpec withTcpFallbackPort(OptionalInt tcpFallbackPort) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  public PingSpec withListener(PingListener listener) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  public PingSpec withTimeout(Duration timeout) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  public PingSpec withSendOptions(SendOptions sendOptions) {
    return new PingSpec(host, count, interval, replyTimeout, payloadSize, ttl, tcpFallbackPort, listener, timeout,
        sendOptions);
  }

  @Override
  public PingResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return PingResult.failed(this, host.literal(), Optional.empty(), 0, List.of(), failure, "none", started, elapsed);
  }
}
