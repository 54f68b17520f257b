package io.netprobe.http.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Sockets bound to one local address before OkHttp connects them ({@code curl --interface}). Stateless apart from
 * the address; thread-safe.
 */
final class SourceBoundSocketFactory extends SocketFactory {
  private final SocketFactory delegate;
  private final InetAddress source;

  SourceBoundSocketFactory(SocketFactory delegate, InetAddress source) {
    this.delegate = delegate;
    this.source = source;
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket s = delegate.createSocket();
    try {
      s.bind(new InetSocketAddress(source, 0));
    } catch (BindException e) {
      s.close();
      BindException clear = new BindException("cannot use source address " + source.getHostAddress()
          + ": this machine has no such address (" + e.getMessage() + ")");
      clear.initCause(e);
      throw clear;
    }
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }

  @Override
  public Socket createSocket(InetAddress host, int port) {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
    throw new UnsupportedOperationException("OkHttp connects unconnected sockets itself");
  }
}
