package io.netprobe.sockets;

import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A TCP conversation: connect (with TLS at once when asked), then the steps in order, all within one deadline.
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the server
 * @param port its port
 * @param steps what to send and expect, in order
 * @param tls whether to start TLS right after connecting (blackbox's {@code tls: true})
 * @param serverName the name for SNI and the certificate check; empty for the host
 * @param insecure whether to go on when the certificate fails verification (the problems are still reported)
 * @param caFile PEM file of the certificates to trust instead of the JVM's
 * @param ipPreference which address family to connect with; empty tries every address in the resolver's order
 * @param sourceAddress the local address to connect from
 * @param timeout the deadline of the whole conversation
 * @param tlsOptions client certificate and TLS version bounds of the handshake
 */
public record TcpConversationSpec(Host host, int port, List<ConversationStep> steps, boolean tls,
    Optional<String> serverName, boolean insecure, Optional<Path> caFile, Optional<IpPreference> ipPreference,
    Optional<InetAddress> sourceAddress, Duration timeout, ConversationTlsOptions tlsOptions)
    implements ProbeSpec<TcpConversationResult> {

  public TcpConversationSpec {
    Objects.requireNonNull(host, "host");
    steps = List.copyOf(steps);
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(ipPreference, "ipPreference");
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(tlsOptions, "tlsOptions");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  /** A conversation with {@link ConversationTlsOptions#DEFAULT}. */
  public TcpConversationSpec(Host host, int port, List<ConversationStep> steps, boolean tls,
      Optional<String> serverName, boolean insecure, Optional<Path> caFile, Optional<IpPreference> ipPreference,
      Optional<InetAddress> sourceAddress, Duration timeout) {
    this(host, port, steps, tls, serverName, insecure, caFile, ipPreference, sourceAddress, timeout,
        ConversationTlsOptions.DEFAULT);
  }

  /** This conversation with other TLS options. */
  public TcpConversationSpec withTlsOptions(ConversationTlsOptions tlsOptions) {
    return new TcpConversationSpec(host, port, steps, tls, serverName, insecure, caFile, ipPreference, sourceAddress,
        timeout, tlsOptions);
  }

  /** The name for SNI and the certificate check: {@link #serverName()}, else the host. */
  public String tlsName() {
    return serverName.orElse(host.ascii());
  }

  /** A builder-style copy; see {@link TcpConversationRequest} for the meaning of each option. */
  TcpConversationSpec with(List<ConversationStep> steps, boolean tls, Optional<String> serverName, boolean insecure,
      Optional<Path> caFile, Optional<IpPreference> ipPreference, Optional<InetAddress> sourceAddress,
      Duration timeout) {
    return new TcpConversationSpec(host, port, steps, tls, serverName, insecure, caFile, ipPreference, sourceAddress,
        timeout, tlsOptions);
  }

  @Override
  public TcpConversationResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return new TcpConversationResult(this, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), "none",
        started, elapsed, Optional.of(failure));
  }
}
