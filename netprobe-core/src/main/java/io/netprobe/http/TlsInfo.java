package io.netprobe.http;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS facts of one connection.
 *
 * <p>Immutable and thread-safe.
 *
 * @param protocol e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_128_GCM_SHA256}
 * @param alpn the negotiated application protocol ({@code h2}, {@code http/1.1}), when any
 * @param chain the certificates as the server sent them, leaf first (not the chain the verifier built)
 * @param problems what verification found wrong; empty when the chain is valid and trusted for the host
 * @param problemDetail the verifier's message for the first problem, when any
 * @param implementation which TLS implementation made the handshake: {@link TlsImplementation#CONSCRYPT} or
 *     {@link TlsImplementation#JDK}, never {@code AUTO}
 */
public record TlsInfo(String protocol, String cipherSuite, Optional<String> alpn, List<CertificateInfo> chain,
    List<TlsProblem> problems, Optional<String> problemDetail, TlsImplementation implementation) {

  public TlsInfo {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(cipherSuite, "cipherSuite");
    Objects.requireNonNull(alpn, "alpn");
    chain = List.copyOf(chain);
    problems = List.copyOf(problems);
    Objects.requireNonNull(problemDetail, "problemDetail");
    Objects.requireNonNull(implementation, "implementation");
    if (implementation == TlsImplementation.AUTO) {
      throw new IllegalArgumentException("implementation is the one that made the handshake, not AUTO");
    }
  }

  /** True when nothing is wrong with the certificate. */
  public boolean verified() {
    return problems.isEmpty();
  }

  /** The leaf certificate, when the server sent one. */
  public Optional<CertificateInfo> leaf() {
    return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
  }

  /** Days until the leaf expires, counted from {@code now}. */
  public Optional<Long> daysUntilLeafExpires(Instant now) {
    return leaf().map(c -> c.daysUntilExpiry(now));
  }

  /** The earliest expiry in the chain (Prometheus' {@code probe_ssl_earliest_cert_expiry}). */
  public Optional<Instant> earliestExpiry() {
    return chain.stream().map(CertificateInfo::notAfter).min(Instant::compareTo);
  }
}
