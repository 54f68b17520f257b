package io.netprobe.sockets;

import io.netprobe.Deadline;
import io.netprobe.ProbeClient;
import io.netprobe.ProbeFailure;
import io.netprobe.ProbeRequest;
import io.netprobe.internal.ProbeExecution;
import io.netprobe.internal.Validate;
import io.netprobe.spi.SocketTableBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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
  private final ProbeClient client;
  private final ListeningSocketsQuery query;

  private ListeningSocketsRequest(ProbeClient client, ListeningSocketsQuery query) {
    this.client = client;
    this.query = query;
  }

  /** Use {@link ProbeClient#listeningSockets()}. */
  public static ListeningSocketsRequest create(ProbeClient client) {
    return new ListeningSocketsRequest(client, ListeningSocketsQuery.all(client.timeout()));
  }

  /** Only TCP listeners ({@code ss -t}). */
  public ListeningSocketsRequest tcp() {
    return with(EnumSet.of(TransportProtocol.TCP), null, query.port(), query.processName(), query.owners(),
        query.timeout());
  }

  /** Only UDP sockets ({@code ss -u}). */
  public ListeningSocketsRequest udp() {
    return with(EnumSet.of(TransportProtocol.UDP), null, query.port(), query.processName(), query.owners(),
        query.timeout());
  }

  /** Only IPv4 sockets ({@code ss -4}). */
  public ListeningSocketsRequest ipv4() {
    return with(null, EnumSet.of(AddressFamily.IPV4), query.port(), query.processName(), query.owners(),
        query.timeout());
  }

  /** Only IPv6 sockets ({@code ss -6}). */
  public ListeningSocketsRequest ipv6() {
    return with(null, EnumSet.of(AddressFamily.IPV6), query.port(), query.processName(), query.owners(),
        query.timeout());
  }

  /**
   * Only sockets on this local port.
   *
   * @throws IllegalArgumentException when {@code port} is outside 1–65535
   */
  public ListeningSocketsRequest port(int port) {
    Validate.port("port filter", port);
    return with(null, null, OptionalInt.of(port), query.processName(), query.owners(), query.timeout());
  }

  /**
   * Only sockets owned by a process with this name ({@code /proc/PID/comm}, e.g. {@code nginx}). Turns owner lookup
   * on.
   *
   * @throws IllegalArgumentException when the name is empty or longer than 64 characters
   */
  public ListeningSocketsRequest process(String name) {
    if (name == null || name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("process name must be 1 to 64 characters, was \"" + name + "\"");
    }
    return with(null, null, query.port(), Optional.of(name), true, query.timeout());
  }

  /** Skips the owner lookup ({@code ss -tuln} instead of {@code -tulnp}): much faster on busy hosts. */
  public ListeningSocketsRequest withoutOwners() {
    if (query.processName().isPresent()) {
      throw new IllegalArgumentException("a process filter needs owners; remove process(...) to list without owners");
    }
    return with(null, null, query.port(), query.processName(), false, query.timeout());
  }

  @Override
  public ListeningSocketsRequest timeout(Duration timeout) {
    return with(null, null, query.port(), query.processName(), query.owners(), Validate.timeout(timeout));
  }

  @Override
  public Duration timeout() {
    return query.timeout();
  }

  /** The query a backend receives. */
  public ListeningSocketsQuery query() {
    return query;
  }

  @Override
  public ListeningSocketsResult run() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(query.timeout());
    return ProbeExecution.call(
        () -> client.backend(SocketTableBackend.class).listening(query, deadline),
        failureResult(started, deadline));
  }

  @Override
  public CompletableFuture<ListeningSocketsResult> runAsync() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(query.timeout());
    return ProbeExecution.callAsync(
        () -> client.backend(SocketTableBackend.class).listening(query, deadline),
        failureResult(started, deadline), client.executor(), query.timeout());
  }

  private Function<ProbeFailure, ListeningSocketsResult> failureResult(Instant started, Deadline deadline) {
    return f -> ListeningSocketsResult.failed(query, f, "none", started, deadline.elapsed());
  }

  private ListeningSocketsRequest with(EnumSet<TransportProtocol> protocols, EnumSet<AddressFamily> families,
      OptionalInt port, Optional<String> process, boolean owners, Duration timeout) {
    return new ListeningSocketsRequest(client, new ListeningSocketsQuery(
        protocols == null ? query.protocols() : protocols,
        families == null ? query.families() : families,
        port, process, owners, timeout));
  }

  @Override
  public String toString() {
    return "ListeningSocketsRequest" + query;
  }
}
