package io.netprobe.sockets;

import io.netprobe.core.IpPreference;
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
 *
 * @param host the host
 * @param port the port
 * @param timeout the deadline, resolution included
 * @param ipPreference which address family to connect with ({@code preferred_ip_protocol}); applied by
 *     netprobe-core, which hands the backend a spec with the chosen address as its host
 */
public record TcpConnectSpec(Host host, int port, Duration timeout, Optional<IpPreference> ipPreference)
    implements ProbeSpec<TcpConnectResult> {
  public TcpConnectSpec {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(ipPreference, "ipPreference");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  /** A spec without an IP preference: every address is tried in the resolver's order. */
  public TcpConnectSpec(Host host, int port, Duration timeout) {
    this(host, port, timeout, Optional.empty());
  }

  public TcpConnectSpec withHost(Host host) {
    return new TcpConnectSpec(host, port, timeout, ipPreference);
  }

  public TcpConnectSpec withPort(int port) {
    return new TcpConnectSpec(host, port, timeout, ipPreference);
  }

  public TcpConnectSpec withTimeout(Duration timeout) {
    return new TcpConnectSpec(host, port, timeout, ipPreference);
  }

  public TcpConnectSpec withIpPreference(Optional<IpPreference> ipPreference) {
    return new TcpConnectSpec(host, port, timeout, ipPreference);
  }

  @Override
  public TcpConnectResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return TcpConnectResult.failed(this, List.of(), Optional.empty(), Duration.ZERO, failure, "none", started,
        elapsed);
  }
}
