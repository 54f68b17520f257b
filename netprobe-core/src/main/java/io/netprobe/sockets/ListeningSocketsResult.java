package io.netprobe.sockets;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The listening sockets of this machine (of this network namespace), like {@code ss -tulnp}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query what was asked
 * @param sockets the sockets that passed the filters, sorted by protocol, port, family, address
 *     ({@link ListeningSocket#TABLE_ORDER})
 * @param source where the table came from, e.g. {@code "netlink"} (sock_diag) or {@code "procfs"}
 *     ({@code /proc/net/tcp…}); empty on failure
 * @param backend the backend id
 * @param started when the listing started
 * @param elapsed how long it took
 * @param failure why it failed; empty on success
 */
public record ListeningSocketsResult(
    ListeningSocketsSpec query,
    List<ListeningSocket> sockets,
    Optional<String> source,
    String backend,
    Instant started,
    Duration elapsed,
    Optional<ProbeFailure> failure) implements ProbeResult {

  public ListeningSocketsResult {
    Objects.requireNonNull(query, "query");
    sockets = List.copyOf(sockets);
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** A successful listing. */
  public static ListeningSocketsResult success(ListeningSocketsSpec query, List<ListeningSocket> sockets,
      String source, String backend, Instant started, Duration elapsed) {
    return new ListeningSocketsResult(query, sockets, Optional.of(source), backend, started, elapsed,
        Optional.empty());
  }

  /** A failed listing. */
  public static ListeningSocketsResult failed(ListeningSocketsSpec query, ProbeFailure failure, String backend,
      Instant started, Duration elapsed) {
    return new ListeningSocketsResult(query, List.of(), Optional.empty(), backend, started, elapsed,
        Optional.of(failure));
  }

  /** The sockets on a port (for example both the IPv4 and IPv6 listener of one server). */
  public List<ListeningSocket> onPort(int port) {
    return sockets.stream().filter(s -> s.port() == port).toList();
  }

  @Override
  public ListeningSocketsResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
