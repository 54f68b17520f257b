package io.netprobe.grpc;

import io.netprobe.http.ClientCertificate;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How a gRPC health check connects beyond host, port and TLS: the local address, whether certificate problems are
 * ignored, and a client certificate for mutual TLS. Set them with {@link GrpcHealthRequest#sourceAddress(String)},
 * {@link GrpcHealthRequest#insecure()} and {@link GrpcHealthRequest#clientCertificate(java.nio.file.Path,
 * java.nio.file.Path)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sourceAddress the local address to connect from (blackbox's {@code source_ip_address}); empty lets the
 *     system choose
 * @param insecure whether to accept any server certificate over TLS ({@code tls_config.insecure_skip_verify})
 * @param clientCertificate a certificate and key presented when the server asks (mutual TLS)
 */
public record GrpcConnectionOptions(Optional<InetAddress> sourceAddress, boolean insecure,
    Optional<ClientCertificate> clientCertificate) {
  /** No option: the system's source address, certificates verified, no client certificate. */
  public static final GrpcConnectionOptions DEFAULT = new GrpcConnectionOptions(Optional.empty(), false,
      Optional.empty());

  public GrpcConnectionOptions {
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
  }

  public GrpcConnectionOptions withSourceAddress(Optional<InetAddress> sourceAddress) {
    return new GrpcConnectionOptions(sourceAddress, insecure, clientCertificate);
  }

  public GrpcConnectionOptions withInsecure(boolean insecure) {
    return new GrpcConnectionOptions(sourceAddress, insecure, clientCertificate);
  }

  public GrpcConnectionOptions withClientCertificate(Optional<ClientCertificate> clientCertificate) {
    return new GrpcConnectionOptions(sourceAddress, insecure, clientCertificate);
  }
}
