package io.netprobe.sockets;

import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a TCP port could be reached: the outside view that complements the listening list.
 *
 * <p>Immutable and thread-safe.
 *
 * @param query what was asked
 * @param addresses the addresses the host name resolved to (the literal itself for IP targets), in the order tried
 * @param address the address finally connected to, or the last one tried when all failed; empty when the name did not
 *     resolve
 * @param local the local address and port of the connection, on success
 * @param resolveTime how long the name lookup took (zero for literals)
 * @param connectTime how long the successful TCP handshake took, on success
 * @param backend the backend id
 * @param started when the probe started
 * @param elapsed how long the whole probe took
 * @param failure why it failed (refused, timeout, unreachable, reset, name not found); empty on success
 */
public record TcpConnectResult(
    TcpConnectSpec query,
    List<InetAddress> addresses,
    Optional<InetAddress> address,
    Optional<InetSocketAddress> local,
    Duration resolveTime,
    Optional<Duration> connectTime,
    String backend,
    Instant started,
    Duration elapsed,
    Optional<ProbeFailure> failure) implements ProbeResult {

  public TcpConnectResult {
    Objects.requireNonNull(query, "query");
    addresses = List.copyOf(addresses);
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(local, "local");
    Objects.requireNonNull(resolveTime, "resolveTime");
    Objects.requireNonNull(connectTime, "connectTime");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(elapsed, "elapsed");
    Objects.requireNonNull(failure, "failure");
  }

  /** A successful connect. */
  public static TcpConnectResult connected(TcpConnectSpec query, List<InetAddress> addresses, InetAddress address,
      InetSocketAddress local, Duration resolveTime, Duration connectTime, String backend, Instant started,
      Duration elapsed) {
    return new TcpConnectResult(query, addresses, Optional.of(address), Optional.of(local), resolveTime,
        Optional.of(connectTime), backend, started, elapsed, Optional.empty());
  }

  /** A failed connect; {@code address} is the last address tried, if any. */
  public static TcpConnectResult failed(TcpConnectSpec query, List<InetAddress> addresses,
      Optional<InetAddress> address, Duration resolveTime, ProbeFailure failure, String backend, Instant started,
      Duration elapsed) {
    return new TcpConnectResult(query, addresses, address, Optional.empty(), resolveTime, Optional.empty(), backend,
        started, elapsed, Optional.of(failure));
  }

  @Override
  public TcpConnectResult orThrow() {
    ProbeResult.super.orThrow();
    return this;
  }
}
