package io.netprobe.grpc;

import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeSpec;
import io.netprobe.http.HttpHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a gRPC health check asks: {@code grpc.health.v1.Health/Check} for {@code service} at {@code host:port}, in
 * plain text or over TLS, within the deadline (the RPC's own deadline is the probe's).
 *
 * <p>Immutable and thread-safe.
 *
 * @param host the server
 * @param port its port
 * @param service the service name asked about; empty for the server as a whole
 * @param tls whether to connect with TLS (certificates verified against the JVM's trust or {@code caFile})
 * @param caFile PEM file of the certificates to trust instead of the JVM's
 * @param authority the name for SNI, certificate checks and {@code :authority}; empty for the host
 * @param timeout the deadline of the whole probe
 * @param metadata request metadata sent with the call ({@code grpc_health_probe -rpc-header}, blackbox's
 *     {@code metadata}); values of secret names are redacted wherever they are shown
 * @param ipPreference which address of a resolved host to call (blackbox's {@code preferred_ip_protocol} and
 *     {@code ip_protocol_fallback}); empty lets grpc-java choose
 * @param connection source address, certificate checking ({@code -tls-no-verify}: the facts are still reported)
 *     and client certificate
 */
public record GrpcHealthSpec(Host host, int port, String service, boolean tls, Optional<Path> caFile,
    Optional<String> authority, Duration timeout, HttpHeaders metadata, Optional<IpPreference> ipPreference,
    GrpcConnectionOptions connection) implements ProbeSpec<GrpcHealthResult> {

  /** A check without metadata or IP preference, with {@link GrpcConnectionOptions#DEFAULT}. */
  public GrpcHealthSpec(Host host, int port, String service, boolean tls, Optional<Path> caFile,
      Optional<String> authority, Duration timeout) {
    this(host, port, service, tls, caFile, authority, timeout, HttpHeaders.empty(), Optional.empty(),
        GrpcConnectionOptions.DEFAULT);
  }

  public GrpcHealthSpec {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(ipPreference, "ipPreference");
    Objects.requireNonNull(connection, "connection");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
    }
  }

  public GrpcHealthSpec withHost(Host host) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  public GrpcHealthSpec withPort(int port) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  public GrpcHealthSpec withService(String service) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  public GrpcHealthSpec withTls(boolean tls) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  public GrpcHealthSpec withCaFile(Optional<Path> caFile) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  public GrpcHealthSpec withAuthority(Optional<String> authority) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  public GrpcHealthSpec withTimeout(Duration timeout) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  public GrpcHealthSpec withMetadata(HttpHeaders metadata) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  public GrpcHealthSpec withIpPreference(Optional<IpPreference> ipPreference) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  public GrpcHealthSpec withConnection(GrpcConnectionOptions connection) {
    return new GrpcHealthSpec(host, port, service, tls, caFile, authority, timeout, metadata, ipPreference, connection);
  }

  @Override
  public GrpcHealthResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
    return new GrpcHealthResult(this, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "none",
        started, elapsed, Optional.of(failure));
  }
}
