package io.netprobe.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Pings many hosts at once, like {@code fping}: one echo per host by default, replies matched by address and
 * sequence over one socket per address family, one {@link PingResult} per host.
 *
 * <pre>{@code
 * PingSweepResult r = Probes.pingAll(List.of("10.0.0.1", "10.0.0.2")).run();   // fping 10.0.0.1 10.0.0.2
 * r.alive();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PingSweepRequest implements ProbeRequest<PingSweepResult, PingSweepRequest> {
  public static final int DEFAULT_COUNT = 1;
  public static final Duration DEFAULT_SPACING = Duration.ofMillis(1);
  /** The most hosts one sweep takes. */
  public static final int MAX_HOSTS = 1_000_000;

  private final ProbeRunner runner;
  private final PingSweepSpec spec;
  private final boolean explicitTimeout;

  private PingSweepRequest(ProbeRunner runner, PingSweepSpec spec, boolean explicitTimeout) {
    this.runner = runner;
    this.spec = spec;
    this.explicitTimeout = explicitTimeout;
  }

  /**
   * Use {@code ProbeClient.pingAll(Collection)}; {@code runner} runs the sweep and gives its default timeout.
   *
   * @throws IllegalArgumentException when {@code hosts} is empty, too long, or holds an invalid host
   */
  public static PingSweepRequest create(ProbeRunner runner, Collection<String> hosts) {
    if (hosts.isEmpty() || hosts.size() > MAX_HOSTS) {
      throw new IllegalArgumentException("a sweep takes 1 to " + MAX_HOSTS + " hosts, was " + hosts.size());
    }
    LinkedHashSet<Host> unique = new LinkedHashSet<>();
    for (String h : hosts) {
      unique.add(Host.of(h));
    }
    return new PingSweepRequest(runner, new PingSweepSpec(new ArrayList<>(unique), DEFAULT_COUNT,
        PingRequest.DEFAULT_INTERVAL, DEFAULT_SPACING, PingRequest.DEFAULT_REPLY_TIMEOUT,
        PingSpec.DEFAULT_PAYLOAD_SIZE, OptionalInt.empty(), runner.timeout()), false);
  }

  /**
   * Echo requests per host ({@code fping -c}).
   *
   * @throws IllegalArgumentException outside 1–10000
   */
  public PingSweepRequest count(int count) {
    Validate.inRange("count", count, 1, 10_000);
    return with(spec.withCount(count));
  }

  /**
   * Time between two echoes to the same host ({@code fping -p}).
   *
   * @throws IllegalArgumentException below {@link PingRequest#MIN_INTERVAL} or above one minute
   */
  public PingSweepRequest interval(Duration interval) {
    Validate.positiveDuration("interval", interval, Duration.ofMinutes(1));
    if (interval.compareTo(PingRequest.MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("interval must be at least " + PingRequest.MIN_INTERVAL.toMillis()
          + " ms, was " + interval);
    }
    return with(spec.withInterval(interval));
  }

  /**
   * Time between any two echo requests ({@code fping -i}); 1 ms by default, zero sends back to back.
   *
   * @throws IllegalArgumentException when negative or above one second
   */
  public PingSweepRequest spacing(Duration spacing) {
    Validate.nonNegativeDuration("spacing", spacing, Duration.ofSeconds(1));
    return with(spec.withSpacing(spacing));
  }

  /**
   * How long to wait for each reply ({@code fping -t}).
   *
   * @throws IllegalArgumentException when not positive or above one minute
   */
  public PingSweepRequest replyTimeout(Duration replyTimeout) {
    Validate.positiveDuration("replyTimeout", replyTimeout, Duration.ofMinutes(1));
    return with(spec.withReplyTimeout(replyTimeout));
  }

  /**
   * ICMP payload bytes ({@code fping -b}); 56 by default.
   *
   * @throws IllegalArgumentException outside 0–65507
   */
  public PingSweepRequest payloadSize(int bytes) {
    Validate.inRange("payloadSize", bytes, 0, PingSpec.MAX_PAYLOAD_SIZE);
    return with(spec.withPayloadSize(bytes));
  }

  /**
   * The IP TTL (IPv6 hop limit) to send with.
   *
   * @throws IllegalArgumentException outside 1–255
   */
  public PingSweepRequest ttl(int ttl) {
    Validate.inRange("ttl", ttl, 1, 255);
    return with(spec.withTtl(OptionalInt.of(ttl)));
  }

  /**
   * Sets the don't-fragment bit and never fragments locally ({@code fping -M}): an echo larger than the
   * path MTU is not sent and reported as the ICMP error "local error: message too long, path MTU N" (type -1, code
   * EMSGSIZE), or answered by a router's "fragmentation needed".
   */
  public PingSweepRequest dontFragment() {
    return with(spec.withSendOptions(spec.sendOptions().withDontFragment(true)));
  }

  /**
   * Sends from {@code address} ({@code fping -S ADDR}). It must be one of this machine's addresses and of the
   * target's family; otherwise the probe fails with NETWORK_ERROR saying so.
   */
  public PingSweepRequest sourceAddress(InetAddress address) {
    Objects.requireNonNull(address, "address");
    return with(spec.withSendOptions(spec.sendOptions().withSourceAddress(Optional.of(address))));
  }

  /**
   * Sends through the interface {@code name} ({@code fping -I IFACE}, SO_BINDTODEVICE). An interface that does
   * not exist fails the probe with NETWORK_ERROR saying so.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid Linux interface name
   */
  public PingSweepRequest sourceInterface(String name) {
    Objects.requireNonNull(name, "name");
    return with(spec.withSendOptions(spec.sendOptions().withSourceInterface(Optional.of(name))));
  }

  /** Pings each name's address of the protocol {@code preference} chooses ({@code fping -4/-6}); see PingRequest's. */
  public PingSweepRequest ipPreference(io.netprobe.core.IpPreference preference) {
    Objects.requireNonNull(preference, "preference");
    return with(spec.withSendOptions(spec.sendOptions().withIpPreference(Optional.of(preference))));
  }

  /**
   * The deadline of the whole sweep. Unless set here, it is the client's timeout or, when longer, the time the sweep
   * needs: sending every echo at the given spacing and interval, plus the reply timeout, plus one second.
   */
  @Override
  public PingSweepRequest timeout(Duration timeout) {
    return new PingSweepRequest(runner, spec.withTimeout(Validate.timeout(timeout)), true);
  }

  @Override
  public Duration timeout() {
    return spec().timeout();
  }

  /** The spec a backend receives, with the effective timeout. */
  public PingSweepSpec spec() {
    if (explicitTimeout) {
      return spec;
    }
    long hosts = spec.hosts().size();
    Duration sending = spec.spacing().multipliedBy(hosts * spec.count());
    Duration paced = spec.interval().multipliedBy(spec.count() - 1L).plus(spec.spacing().multipliedBy(hosts));
    Duration needed = (sending.compareTo(paced) > 0 ? sending : paced).plus(spec.replyTimeout())
        .plusSeconds(1);
    Duration timeout = needed.compareTo(spec.timeout()) > 0 ? needed : spec.timeout();
    if (timeout.compareTo(Validate.MAX_TIMEOUT) > 0) {
      timeout = Validate.MAX_TIMEOUT;
    }
    return spec.withTimeout(timeout);
  }

  @Override
  public PingSweepResult run() {
    PingSweepSpec spec = spec();
    return runner.run(spec, Deadline.after(spec.timeout()));
  }

  @Override
  public CompletableFuture<PingSweepResult> runAsync() {
    PingSweepSpec spec = spec();
    return runner.runAsync(spec, Deadline.after(spec.timeout()));
  }

  private PingSweepRequest with(PingSweepSpec spec) {
    return new PingSweepRequest(runner, spec, explicitTimeout);
  }

  @Override
  public String toString() {
    return "PingSweepRequest[hosts=" + spec.hosts().size() + ", count=" + spec.count() + "]";
  }
}
