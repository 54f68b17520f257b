package io.netprobe.http.internal;

import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS settings for what never makes a handshake: the shared base client (every https exchange brings its own socket
 * factory and trust manager; without these OkHttp would set up the JVM's default TLS context and load
 * {@code cacerts} when the base client is built, a few hundred milliseconds on the first probe of a JVM, plain http
 * included) and the contexts made only to load a TLS library's classes. Both fail if they are ever used. Stateless;
 * thread-safe.
 */
final class NoTls {
  private NoTls() {}

  static final SSLSocketFactory SOCKET_FACTORY = new SSLSocketFactory() {
    @Override
    public String[] getDefaultCipherSuites() {
      return new String[0];
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return new String[0];
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) {
      throw unused();
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw unused();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
      throw unused();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw unused();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
      throw unused();
    }
  };

  private static IllegalStateException unused() {
    return new IllegalStateException("this TLS socket factory makes no connections; an exchange brings its own");
  }

  static final X509TrustManager TRUST_MANAGER = new X509TrustManager() {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this trust manager verifies nothing; an exchange brings its own");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("this trust manager verifies nothing; an exchange brings its own");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  };
}
