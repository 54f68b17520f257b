package io.netprobe.sockets;

import io.netprobe.Host;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link io.netprobe.spi.TcpConnectBackend} is asked: connect to {@code host:port} within {@code timeout}.
 *
 * <p>Immutable and thread-safe.
 */
public record TcpConnectQuery(Host host, int port, Duration timeout) {
  public TcpConnectQuery {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }
}
