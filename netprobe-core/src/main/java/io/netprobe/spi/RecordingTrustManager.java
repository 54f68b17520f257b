package io.netprobe.spi;

import io.netprobe.http.CertificateInfo;
import io.netprobe.http.TlsProblem;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * For backends that make their own TLS handshakes (gRPC, TCP conversations): the trust manager of one handshake,
 * which checks the server's chain against the JVM's trust or a CA file (with the host name, which the caller sets on
 * the engine or socket), records the chain it was sent and what verification found, and fails the handshake unless
 * {@code insecure}. A probe is never a TLS server: client checks throw. One per handshake; written by the
 * handshaking thread and read after it, so its fields are volatile.
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager base;
  private final boolean insecure;
  private volatile List<X509Certificate> chain = List.of();
  private volatile List<TlsProblem> problems = List.of();
  private volatile @Nullable String detail;

  private RecordingTrustManager(X509ExtendedTrustManager base, boolean insecure) {
    this.base = base;
    this.insecure = insecure;
  }

  /**
   * A recorder trusting the certificates of {@code caFile} (PEM) or, when empty, the JVM's.
   *
   * @param insecure go on whatever verification finds (its findings are still recorded)
   * @throws IOException when the CA file cannot be read or holds no certificate
   */
  public static RecordingTrustManager of(Optional<Path> caFile, boolean insecure)
      throws IOException, GeneralSecurityException {
    if (caFile.isPresent()) {
      return new RecordingTrustManager(PemKeys.trust(caFile.get()), insecure);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return new RecordingTrustManager(x, insecure);
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** The chain the server sent, leaf first; empty before the handshake got that far. */
  public List<CertificateInfo> chain() {
    return chain.stream().map(CertificateInfo::of).toList();
  }

  /** What verification found; empty when the chain was trusted and matched. */
  public List<TlsProblem> problems() {
    return problems;
  }

  /** The verifier's own message, when it refused the chain. */
  public Optional<String> detail() {
    return Optional.ofNullable(detail);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] sent, String authType, Socket socket)
      throws CertificateException {
    chain = List.copyOf(Arrays.asList(sent));
    try {
      base.checkServerTrusted(sent, authType, socket);
    } catch (CertificateException e) {
      refused(e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] sent, String authType, SSLEngine engine)
      throws CertificateException {
    chain = List.copyOf(Arrays.asList(sent));
    try {
      base.checkServerTrusted(sent, authType, engine);
    } catch (CertificateException e) {
      refused(e);
    }
  }

  private void refused(CertificateException e) throws CertificateException {
    problems = List.of(TlsProblem.of(e));
    detail = String.valueOf(e.getMessage());
    if (!insecure) {
      throw e;
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] sent, String authType) throws CertificateException {
    throw new CertificateException("the host name is checked with the socket or engine of the handshake");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] sent, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("a probe is never a TLS server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] sent, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a probe is never a TLS server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] sent, String authType) throws CertificateException {
    throw new CertificateException("a probe is never a TLS server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
