package io.netprobe.grpc;

import io.netprobe.http.ClientCertificate;
import io.netprobe.http.TlsVersion;
import io.netprobe.http.TlsVersionRange;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How a gRPC health check connects beyond host, port and TLS: the local address, whether certificate problems are
 * ignored, a client certificate for mutual TLS and bounds on the TLS versions. Set them with
 * {@link GrpcHealthRequest#sourceAddress(String)}, {@link GrpcHealthRequest#insecure()},
 * {@link GrpcHealthRequest#clientCertificate(java.nio.file.Path, java.nio.file.Path)} and
 * {@link GrpcHealthRequest#tlsVersions(TlsVersion, TlsVersion)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sourceAddress the local address to connect from (blackbox's {@code source_ip_address}); empty lets the
 *     system choose
 * @param insecure whether to accept any server certificate over TLS ({@code tls_config.insecure_skip_verify})
 * @param clientCertificate a certificate and key presented when the server asks (mutual TLS)
 * @param minTlsVersion the lowest TLS version offered ({@code tls_config.min_version}); empty for TLS 1.2
 * @param maxTlsVersion the highest TLS version offered ({@code tls_config.max_version}); empty for TLS 1.3
 */
public record GrpcConnectionOptions(Optional<InetAddress> sourceAddress, boolean insecure,
    Optional<ClientCertificate> clientCertificate, Optional<TlsVersion> minTlsVersion,
    Optional<TlsVersion> maxTlsVersion) {
  /** No option: the system's source address, certificates verified, no client certificate. */
  public static final GrpcConnectionOptions DEFAULT = new GrpcConnectionOptions(Optional.empty(), false,
      Optional.empty(), Optional.empty(), Optional.empty());

  /** @throws IllegalArgumentException when the minimum TLS version is above the maximum */
  public GrpcConnectionOptions {
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    Objects.requireNonNull(clientCertificate, "clientCertificate");
    Objects.requireNonNull(minTlsVersion, "minTlsVersion");
    Objects.requireNonNull(maxTlsVersion, "maxTlsVersion");
    TlsVersionRange.requireOrdered(minTlsVersion, maxTlsVersion);
  }

  public GrpcConnectionOptions withSourceAddress(Optional<InetAddress> sourceAddress) {
    return new GrpcConnectionOptions(sourceAddress, insecure, clientCertificate, minTlsVersion, maxTlsVersion);
  }

  public GrpcConnectionOptions withInsecure(boolean insecure) {
    return new GrpcConnectionOptions(sourceAddress, insecure, clientCertificate, minTlsVersion, maxTlsVersion);
  }

  public GrpcConnectionOptions withClientCertificate(Optional<ClientCertificate> clientCertificate) {
    return new GrpcConnectionOptions(sourceAddress, insecure, clientCertificate, minTlsVersion, maxTlsVersion);
  }

  public GrpcConnectionOptions withTlsVersions(Optional<TlsVersion> min, Optional<TlsVersion> max) {
    return new GrpcConnectionOptions(sourceAddress, insecure, clientCertificate, min, max);
  }

  /** The JSSE names of the versions offered, lowest first: the bounds, else TLS 1.2 to TLS 1.3. */
  public java.util.List<String> tlsProtocols() {
    return TlsVersionRange.javaNames(minTlsVersion, maxTlsVersion);
  }
}
