package io.netprobe.http.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * Plain sockets with Nagle's algorithm off. A probe writes small pieces (TLS Finished, the HTTP/2 preface and
 * SETTINGS, then HEADERS); with Nagle on, each one after the first waits for the peer's delayed ACK, adding 40 ms
 * per round on Linux loopback. curl sets TCP_NODELAY too. Stateless; thread-safe.
 */
final class NoDelaySocketFactory extends SocketFactory {
  static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

  @Override
  public Socket createSocket() throws SocketException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }
}
