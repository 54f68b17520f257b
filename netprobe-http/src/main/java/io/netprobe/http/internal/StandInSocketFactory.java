package io.netprobe.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import javax.annotation.Nullable;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TLS socket factory for a {@link ScopedTarget}: OkHttp layers TLS over the connection naming the stand-in host,
 * which the TLS library would send as the server name (SNI) and key its sessions by; this factory names the bare
 * address instead ({@code fe80::1}), so, as curl does for an address, no server name is sent. With
 * {@link #serverName} it names a configured server name instead of whatever host the connection was made for, which
 * the TLS library then sends as SNI. Thread-safe.
 */
final class StandInSocketFactory extends SSLSocketFactory {
  private final SSLSocketFactory delegate;
  private final @Nullable String replaced;
  private final String address;

  /** {@code address}: the target's address without brackets and zone, as TLS names the peer. */
  StandInSocketFactory(SSLSocketFactory delegate, String address) {
    this(delegate, ScopedTarget.STAND_IN, address);
  }

  private StandInSocketFactory(SSLSocketFactory delegate, @Nullable String replaced, String address) {
    this.delegate = delegate;
    this.replaced = replaced;
    this.address = address;
  }

  /** Layers TLS naming {@code serverName} (SNI) whatever host the connection was made for. */
  static StandInSocketFactory serverName(SSLSocketFactory delegate, String serverName) {
    return new StandInSocketFactory(delegate, null, serverName);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
    return delegate.createSocket(s, replaced == null || replaced.equals(host) ? address : host, port, autoClose);
  }

  @Override
  public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
    return delegate.createSocket(s, consumed, autoClose);
  }

  @Override
  public Socket createSocket() throws IOException {
    return delegate.createSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return delegate.createSocket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return delegate.createSocket(address, port, localAddress, localPort);
  }
}
