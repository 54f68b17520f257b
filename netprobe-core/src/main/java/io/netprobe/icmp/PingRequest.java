package io.netprobe.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * An ICMP echo probe, configured like {@code ping}: 4 echoes 1 s apart by default.
 *
 * <pre>{@code
 * PingResult r = Probes.ping("8.8.8.8").count(4).run();   // ping -c 4 8.8.8.8
 * r.lossPercent(); r.statistics().avg();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PingRequest implements ProbeRequest<PingResult, PingRequest> {
  public static final int DEFAULT_COUNT = 4;
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(1);
  /** The shortest interval allowed (iputils' limit for unprivileged users). */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(2);

  private final ProbeRunner runner;
  private final PingSpec spec;

  private PingRequest(ProbeRunner runner, PingSpec spec) {
    this.runner = runner;
    this.spec = spec;
  }

  /** Use {@code ProbeClient.ping(String)}; {@code runner} runs the request and gives its default timeout. */
  public static PingRequest create(ProbeRunner runner, Host host) {
    return new PingRequest(runner, new PingSpec(host, DEFAULT_COUNT, DEFAULT_INTERVAL, DEFAULT_REPLY_TIMEOUT,
        PingSpec.DEFAULT_PAYLOAD_SIZE, OptionalInt.empty(), OptionalInt.empty(), runner.timeout()));
  }

  /**
   * How many echo requests to send ({@code -c}).
   *
   * @throws IllegalArgumentException outside 1–100000
   */
  public PingRequest count(int count) {
    Validate.inRange("count", count, 1, 100_000);
    return with(spec.withCount(count));
  }

  /**
   * Time between echo requests ({@code -i}).
   *
   * @throws IllegalArgumentException below {@link #MIN_INTERVAL} or above one minute
   */
  public PingRequest interval(Duration interval) {
    Validate.positiveDuration("interval", interval, Duration.ofMinutes(1));
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL.toMillis()
          + " ms (the shortest ping allows without privileges), was " + interval);
    }
    return with(spec.withInterval(interval));
  }

  /**
   * How long to wait for each reply ({@code -W}).
   *
   * @throws IllegalArgumentException when not positive or above one minute
   */
  public PingRequest replyTimeout(Duration replyTimeout) {
    Validate.positiveDuration("replyTimeout", replyTimeout, Duration.ofMinutes(1));
    return with(spec.withReplyTimeout(replyTimeout));
  }

  /**
   * ICMP payload bytes ({@code -s}); 56 by default.
   *
   * @throws IllegalArgumentException outside 0–65507
   */
  public PingRequest payloadSize(int bytes) {
    Validate.inRange("payloadSize", bytes, 0, PingSpec.MAX_PAYLOAD_SIZE);
    return with(spec.withPayloadSize(bytes));
  }

  /**
   * The IP TTL (IPv6 hop limit) to send with ({@code -t}).
   *
   * @throws IllegalArgumentException outside 1–255
   */
  public PingRequest ttl(int ttl) {
    Validate.inRange("ttl", ttl, 1, 255);
    return with(spec.withTtl(OptionalInt.of(ttl)));
  }

  /**
   * Sets the don't-fragment bit and never fragments locally ({@code ping -M do}): an echo larger than the
   * path MTU is not sent and reported as the ICMP error "local error: message too long, path MTU N" (type -1, code
   * EMSGSIZE), or answered by a router's "fragmentation needed".
   */
  public PingRequest dontFragment() {
    return with(spec.withSendOptions(spec.sendOptions().withDontFragment(true)));
  }

  /**
   * Sends from {@code address} ({@code ping -I ADDR}). It must be one of this machine's addresses and of the
   * target's family; otherwise the probe fails with NETWORK_ERROR saying so.
   */
  public PingRequest sourceAddress(InetAddress address) {
    Objects.requireNonNull(address, "address");
    return with(spec.withSendOptions(spec.sendOptions().withSourceAddress(Optional.of(address))));
  }

  /**
   * Sends through the interface {@code name} ({@code ping -I IFACE}, SO_BINDTODEVICE). An interface that does
   * not exist fails the probe with NETWORK_ERROR saying so.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid Linux interface name
   */
  public PingRequest sourceInterface(String name) {
    Objects.requireNonNull(name, "name");
    return with(spec.withSendOptions(spec.sendOptions().withSourceInterface(Optional.of(name))));
  }

  /**
   * Pings the address of the protocol {@code preference} chooses among those the name resolves to: {@code ping -4}
   * is {@code IpPreference.only(IP4)}, {@code ping -6} {@code only(IP6)}; {@code IpPreference.prefer(..)} falls back
   * to the other protocol (blackbox's {@code preferred_ip_protocol}). A name (or literal) without an acceptable
   * address fails with NAME_NOT_FOUND, as ping's "Address family for hostname not supported".
   */
  public PingRequest ipPreference(io.netprobe.core.IpPreference preference) {
    Objects.requireNonNull(preference, "preference");
    return with(spec.withSendOptions(spec.sendOptions().withIpPreference(Optional.of(preference))));
  }

  /**
   * When ICMP is not permitted here, measure a TCP connect to this port instead. The result's method is then
   * {@link PingMethod#TCP_CONNECT}, which is not ICMP.
   *
   * @throws IllegalArgumentException outside 1–65535
   */
  public PingRequest allowTcpFallback(int port) {
    Validate.port("TCP fallback port", port);
    return with(spec.withTcpFallbackPort(OptionalInt.of(port)));
  }

  @Override
  public PingRequest timeout(Duration timeout) {
    return with(spec.withTimeout(Validate.timeout(timeout)));
  }

  /**
   * Hands each reply and ICMP error to {@code listener} as it arrives, on the probing thread, before the result is
   * complete: for live output like {@code ping}'s. Replaces any listener set before.
   */
  public PingRequest onReply(PingListener listener) {
    Objects.requireNonNull(listener, "listener");
    return with(spec.withListener(listener));
  }

  @Override
  public Duration timeout() {
    return spec.timeout();
  }

  /** The spec a backend receives. */
  public PingSpec spec() {
    return spec;
  }

  @Override
  public PingResult run() {
    return runner.run(spec, Deadline.after(spec.timeout()));
  }

  @Override
  public CompletableFuture<PingResult> runAsync() {
    return runner.runAsync(spec, Deadline.after(spec.timeout()));
  }

  private PingRequest with(PingSpec spec) {
    return new PingRequest(runner, spec);
  }

  @Override
  public String toString() {
    return "PingRequest" + spec;
  }
}
