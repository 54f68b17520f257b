package io.netprobe.sockets;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link io.netprobe.spi.TcpConnectBackend} is asked: connect to {@code host:port} within {@code timeout},
 * from {@code source} when given (the socket is bound to it before connecting), and close the connection with a
 * reset ({@code SO_LINGER} 0: no TIME_WAIT left behind) instead of the normal FIN when {@code resetOnClose}.
 *
 * <p>Immutable and thread-safe.
 */
public record TcpConnectSpec(Host host, int port, Duration timeout, Optional<InetAddress> source,
    boolean resetOnClose) implements ProbeSpec<TcpConnectResult> {
  public TcpConnectSpec {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(source, "source");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  /** A connect from any local address, closed normally. */
  public TcpConnectSpec(Host host, int port, Duration timeout) {
    this(host, port, timeout, Optional.empty(), false);
  }

  public TcpConnectSpec withHost(Host host) {
    return new TcpConnectSpec(host, port, timeout, source, resetOnClose);
  }

  public TcpConnectSpec withPort(int port) {
    return new TcpConnectSpec(host, port, timeout, source, resetOnClose);
  }

  public TcpConnectSpec withTimeout(Duration timeout) {
    return new TcpConnectSpec(host, port, timeout, source, resetOnClose);
  }

  public TcpConnectSpec withSource(Optional<InetAddress> source) {
    return new TcpConnectSpec(host, port, timeout, source, resetOnClose);
  }

  public TcpConnectSpec withResetOnClose(boolean resetOnClose) {
    return new TcpConnectSpec(host, port, timeout, source, resetOnClose);
  }

  @Override
  public TcpConnectResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return TcpConnectResult.failed(this, List.of(), Optional.empty(), Duration.ZERO, failure, "none", started,
        elapsed);
  }
}
