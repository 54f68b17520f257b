package io.netprobe.sockets;

import io.netprobe.core.Deadline;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Lists listening sockets like {@code ss -tulnp}; every filter narrows the list.
 *
 * <pre>{@code
 * Probes.listeningSockets().tcp().port(8000).run().sockets()
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ListeningSocketsRequest
    implements ProbeRequest<ListeningSocketsResult, ListeningSocketsRequest> {
  private final ProbeRunner runner;
  private final ListeningSocketsSpec query;

  private ListeningSocketsRequest(ProbeRunner runner, ListeningSocketsSpec query) {
    this.runner = runner;
    this.query = query;
  }

  /** Use {@code ProbeClient.listeningSockets()}; {@code runner} runs the request and gives its default timeout. */
  public static ListeningSocketsRequest create(ProbeRunner runner) {
    return new ListeningSocketsRequest(runner, ListeningSocketsSpec.all(runner.timeout()));
  }

  /** Only TCP listeners ({@code ss -t}). */
  public ListeningSocketsRequest tcp() {
    return with(query.withProtocols(EnumSet.of(TransportProtocol.TCP)));
  }

  /** Only UDP sockets ({@code ss -u}). */
  public ListeningSocketsRequest udp() {
    return with(query.withProtocols(EnumSet.of(TransportProtocol.UDP)));
  }

  /** Only IPv4 sockets ({@code ss -4}). */
  public ListeningSocketsRequest ipv4() {
    return with(query.withFamilies(EnumSet.of(AddressFamily.IPV4)));
  }

  /** Only IPv6 sockets ({@code ss -6}). */
  public ListeningSocketsRequest ipv6() {
    return with(query.withFamilies(EnumSet.of(AddressFamily.IPV6)));
  }

  /**
   * Only sockets on this local port.
   *
   * @throws IllegalArgumentException when {@code port} is outside 1–65535
   */
  public ListeningSocketsRequest port(int port) {
    Validate.port("port filter", port);
    return with(query.withPort(OptionalInt.of(port)));
  }

  /**
   * Only sockets owned by a process with this name ({@code /proc/PID/comm}, e.g. {@code nginx}). Turns owner lookup
   * on.
   *
   * @throws IllegalArgumentException when the name is empty, longer than 64 characters or holds control characters
   */
  public ListeningSocketsRequest process(String name) {
    java.util.Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("process name must be 1 to 64 characters, was " + Validate.quote(name));
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("process name must not contain control characters, was "
          + Validate.quote(name));
    }
    return with(query.withProcessName(Optional.of(name)).withOwners(true));
  }

  /** Skips the owner lookup ({@code ss -tuln} instead of {@code -tulnp}): much faster on busy hosts. */
  public ListeningSocketsRequest withoutOwners() {
    if (query.processName().isPresent()) {
      throw new IllegalArgumentException("a process filter needs owners; remove process(...) to list without owners");
    }
    return with(query.withOwners(false));
  }

  @Override
  public ListeningSocketsRequest timeout(Duration timeout) {
    return with(query.withTimeout(Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return query.timeout();
  }

  /** The query a backend receives. */
  public ListeningSocketsSpec spec() {
    return query;
  }

  @Override
  public ListeningSocketsResult run() {
    return runner.run(query, Deadline.after(query.timeout()));
  }

  @Override
  public CompletableFuture<ListeningSocketsResult> runAsync() {
    return runner.runAsync(query, Deadline.after(query.timeout()));
  }

  private ListeningSocketsRequest with(ListeningSocketsSpec query) {
    return new ListeningSocketsRequest(runner, query);
  }

  @Override
  public String toString() {
    return "ListeningSocketsRequest" + query;
  }
}
