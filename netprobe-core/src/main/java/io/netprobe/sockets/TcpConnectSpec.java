package io.netprobe.sockets;

import io.netprobe.core.IpPreference;
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
 *
 * @param host the host
 * @param port the port
 * @param timeout the deadline, resolution included
 * @param ipPreference which address family to connect with ({@code preferred_ip_protocol}); applied by
 *     netprobe-core, which hands the backend a spec with the chosen address as its host
 * @param source the local address to connect from, or empty for the system's choice
 * @param resetOnClose whether to close with a reset instead of a FIN
 */
public record TcpConnectSpec(Host host, int port, Duration timeout, Optional<IpPreference> ipPreference,
    Optional<InetAddress> source, boolean resetOnClose) implements ProbeSpec<TcpConnectResult> {
  public TcpConnectSpec {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(ipPreference, "ipPreference");
    Objects.requireNonNull(source, "source");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  /** A connect from any local address, without an IP preference, closed normally. */
  public TcpConnectSpec(Host host, int port, Duration timeout) {
    this(host, port, timeout, Optional.empty(), Optional.empty(), false);
  }

  /** A connect with an IP preference, from any local address, closed normally. */
  public TcpConnectSpec(Host host, int port, Duration timeout, Optional<IpPreference> ipPreference) {
    this(host, port, timeout, ipPreference, Optional.empty(), false);
  }

  /** A connect without an IP preference. */
  public TcpConnectSpec(Host host, int port, Duration timeout, Optional<InetAddress> source, boolean resetOnClose) {
    this(host, port, timeout, Optional.empty(), source, resetOnClose);
  }

  public TcpConnectSpec withHost(Host host) {
    return new TcpConnectSpec(host, port, timeout, ipPreference, source, resetOnClose);
  }

  public TcpConnectSpec withPort(int port) {
    return new TcpConnectSpec(host, port, timeout, ipPreference, source, resetOnClose);
  }

  public TcpConnectSpec withTimeout(Duration timeout) {
    return new TcpConnectSpec(host, port, timeout, ipPreference, source, resetOnClose);
  }

  public TcpConnectSpec withIpPreference(Optional<IpPreference> ipPreference) {
    return new TcpConnectSpec(host, port, timeout, ipPreference, source, resetOnClose);
  }

  public TcpConnectSpec withSource(Optional<InetAddress> source) {
    return new TcpConnectSpec(host, port, timeout, ipPreference, source, resetOnClose);
  }

  public TcpConnectSpec withResetOnClose(boolean resetOnClose) {
    return new TcpConnectSpec(host, port, timeout, ipPreference, source, resetOnClose);
  }

  @Override
  public TcpConnectResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return TcpConnectResult.failed(this, List.of(), Optional.empty(), Duration.ZERO, failure, "none", started,
        elapsed);
  }
}
