package io.netprobe.sockets;

import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link io.netprobe.spi.TcpConnectBackend} is asked: connect to {@code host:port} within {@code timeout}.
 *
 * <p>Immutable and thread-safe.
 */
public record TcpConnectSpec(Host host, int port, Duration timeout) implements ProbeSpec<TcpConnectResult> {
  public TcpConnectSpec {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  public TcpConnectSpec withHost(Host host) {
    return new TcpConnectSpec(host, port, timeout);
  }

  public TcpConnectSpec withPort(int port) {
    return new TcpConnectSpec(host, port, timeout);
  }

  public TcpConnectSpec withTimeout(Duration timeout) {
    return new TcpConnectSpec(host, port, timeout);
  }

  @Override
  public TcpConnectResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return TcpConnectResult.failed(this, List.of(), Optional.empty(), Duration.ZERO, failure, "none", started,
        elapsed);
  }
}
