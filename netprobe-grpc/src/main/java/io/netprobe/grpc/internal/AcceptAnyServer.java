package io.netprobe.grpc.internal;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts any server certificate, for checks asked to be insecure: being an extended trust manager, it also stands in
 * for the host name check, which the TLS engine leaves to it. Never accepts clients. Stateless; thread-safe.
 */
final class AcceptAnyServer extends X509ExtendedTrustManager {
  static final AcceptAnyServer INSTANCE = new AcceptAnyServer();

  private AcceptAnyServer() {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    // insecure on purpose
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    // insecure on purpose
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    // insecure on purpose
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("a probe does not accept client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a probe does not accept client certificates");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a probe does not accept client certificates");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
