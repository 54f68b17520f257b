package io.netprobe.sockets;

import io.netprobe.Deadline;
import io.netprobe.Host;
import io.netprobe.ProbeClient;
import io.netprobe.ProbeFailure;
import io.netprobe.ProbeRequest;
import io.netprobe.internal.ProbeExecution;
import io.netprobe.internal.Validate;
import io.netprobe.spi.TcpConnectBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A TCP connect to {@code host:port} within a deadline (resolution included): {@code nc -z host port}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TcpConnectRequest implements ProbeRequest<TcpConnectResult, TcpConnectRequest> {
  private final ProbeClient client;
  private final TcpConnectQuery query;

  private TcpConnectRequest(ProbeClient client, TcpConnectQuery query) {
    this.client = client;
    this.query = query;
  }

  /** Use {@link ProbeClient#tcp(String, int)}. */
  public static TcpConnectRequest create(ProbeClient client, Host host, int port) {
    return new TcpConnectRequest(client, new TcpConnectQuery(host, Validate.port(port), client.timeout()));
  }

  @Override
  public TcpConnectRequest timeout(Duration timeout) {
    return new TcpConnectRequest(client, new TcpConnectQuery(query.host(), query.port(), Validate.timeout(timeout)));
  }

  @Override
  public Duration timeout() {
    return query.timeout();
  }

  /** The query a backend receives. */
  public TcpConnectQuery query() {
    return query;
  }

  @Override
  public TcpConnectResult run() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(query.timeout());
    return ProbeExecution.call(() -> client.backend(TcpConnectBackend.class).connect(query, deadline),
        failureResult(started, deadline));
  }

  @Override
  public CompletableFuture<TcpConnectResult> runAsync() {
    Instant started = Instant.now();
    Deadline deadline = Deadline.after(query.timeout());
    return ProbeExecution.callAsync(() -> client.backend(TcpConnectBackend.class).connect(query, deadline),
        failureResult(started, deadline), client.executor(), query.timeout());
  }

  private Function<ProbeFailure, TcpConnectResult> failureResult(Instant started, Deadline deadline) {
    return f -> TcpConnectResult.failed(query, List.of(), Optional.empty(), Duration.ZERO, f, "none", started,
        deadline.elapsed());
  }

  @Override
  public String toString() {
    return "TcpConnectRequest[" + query.host() + ":" + query.port() + ", timeout=" + query.timeout() + "]";
  }
}
