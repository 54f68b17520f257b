package io.netprobe.sockets;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.ProbeRunner;
import io.netprobe.internal.Validate;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A TCP connect to {@code host:port} within a deadline (resolution included): {@code nc -z host port}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TcpConnectRequest implements ProbeRequest<TcpConnectResult, TcpConnectRequest> {
  private final ProbeRunner runner;
  private final TcpConnectSpec query;

  private TcpConnectRequest(ProbeRunner runner, TcpConnectSpec query) {
    this.runner = runner;
    this.query = query;
  }

  /** Use {@code ProbeClient.tcp(String, int)}; {@code runner} runs the request and gives its default timeout. */
  public static TcpConnectRequest create(ProbeRunner runner, Host host, int port) {
    return new TcpConnectRequest(runner, new TcpConnectSpec(host, Validate.port(port), runner.timeout()));
  }

  /**
   * Connects over {@code preference}'s protocol only, with blackbox_exporter's {@code preferred_ip_protocol} and
   * {@code ip_protocol_fallback}: one address, one attempt.
   */
  public TcpConnectRequest ipPreference(io.netprobe.core.IpPreference preference) {
    return new TcpConnectRequest(runner, query.withIpPreference(Optional.of(preference)));
  }

  @Override
  public TcpConnectRequest timeout(Duration timeout) {
    return new TcpConnectRequest(runner, query.withTimeout(Validate.timeout(timeout)));
  }

  /**
   * Connects from {@code address}, like {@code nc -s}: the socket is bound to it before connecting. An address
   * this machine does not have makes the probe fail with NETWORK_ERROR saying so.
   */
  public TcpConnectRequest source(InetAddress address) {
    return new TcpConnectRequest(runner, query.withSource(Optional.of(Objects.requireNonNull(address, "address"))));
  }

  /**
   * Whether to close the connection with a reset ({@code SO_LINGER} 0) instead of a FIN, so that many probes leave
   * no TIME_WAIT sockets behind; some servers log the reset as an error. Default false.
   */
  public TcpConnectRequest resetOnClose(boolean reset) {
    return new TcpConnectRequest(runner, query.withResetOnClose(reset));
  }

  @Override
  public Duration timeout() {
    return query.timeout();
  }

  /** The query a backend receives. */
  public TcpConnectSpec spec() {
    return query;
  }

  @Override
  public TcpConnectResult run() {
    return runner.run(query, Deadline.after(query.timeout()));
  }

  @Override
  public CompletableFuture<TcpConnectResult> runAsync() {
    return runner.runAsync(query, Deadline.after(query.timeout()));
  }

  @Override
  public String toString() {
    return "TcpConnectRequest[" + query.host() + ":" + query.port() + ", timeout=" + query.timeout() + "]";
  }
}
