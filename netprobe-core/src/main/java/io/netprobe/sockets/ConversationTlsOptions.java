package io.netprobe.sockets;

import io.netprobe.http.ClientCertificate;
import io.netprobe.http.TlsVersion;
import io.netprobe.http.TlsVersionRange;
import java.util.Objects;
import java.util.Optional;

/**
 * What a TCP conversation's TLS handshake offers beyond trust and name: a client certificate for mutual TLS and
 * bounds on the TLS versions (blackbox's {@code tls_config} {@code cert_file}/{@code key_file},
 * {@code min_version}/{@code max_version}). Immutable and thread-safe.
 *
 * @param clientCertificate a certificate and PKCS#8 key presented when the server asks
 * @param minVersion the lowest TLS version offered; empty for the JVM's default
 * @param maxVersion the highest TLS version offered; empty for the JVM's default
 */
public record ConversationTlsOptions(Optional<ClientCertificate> clientCertificate, Optional<TlsVersion> minVersion,
    Optional<TlsVersion> maxVersion) {
  /** No client certificate, the JVM's TLS versions. */
  public static final ConversationTlsOptions DEFAULT = new ConversationTlsOptions(Optional.empty(), Optional.empty(),
      Optional.empty());

  /** @throws IllegalArgumentException when the minimum version is above the maximum */
  public ConversationTlsOptions {
    Objects.requireNonNull(clientCertificate, "clientCertificate");
    Objects.requireNonNull(minVersion, "minVersion");
    Objects.requireNonNull(maxVersion, "maxVersion");
    TlsVersionRange.requireOrdered(minVersion, maxVersion);
  }

  public ConversationTlsOptions withClientCertificate(Optional<ClientCertificate> clientCertificate) {
    return new ConversationTlsOptions(clientCertificate, minVersion, maxVersion);
  }

  public ConversationTlsOptions withVersions(Optional<TlsVersion> min, Optional<TlsVersion> max) {
    return new ConversationTlsOptions(clientCertificate, min, max);
  }
}
