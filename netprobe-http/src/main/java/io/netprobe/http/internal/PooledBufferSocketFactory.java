package io.netprobe.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.conscrypt.Conscrypt;

/**
 * Conscrypt's socket factory with every socket borrowing its buffers from {@link DirectBufferPool#SHARED}. The pool
 * must be set before the handshake, so it is set as the socket is made. Thread-safe.
 */
final class PooledBufferSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory conscrypt;

  PooledBufferSocketFactory(SSLSocketFactory conscrypt) {
    this.conscrypt = conscrypt;
  }

  private static Socket pooled(Socket socket) {
    if (socket instanceof SSLSocket && Conscrypt.isConscrypt((SSLSocket) socket)) {
      Conscrypt.setBufferAllocator((SSLSocket) socket, DirectBufferPool.SHARED);
    }
    return socket;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return conscrypt.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return conscrypt.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return pooled(conscrypt.createSocket(s, host, port, autoClose));
  }

  @Override
  public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
    return pooled(conscrypt.createSocket(s, consumed, autoClose));
  }

  @Override
  public Socket createSocket() throws IOException {
    return pooled(conscrypt.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return pooled(conscrypt.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return pooled(conscrypt.createSocket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return pooled(conscrypt.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return pooled(conscrypt.createSocket(address, port, localAddress, localPort));
  }
}
