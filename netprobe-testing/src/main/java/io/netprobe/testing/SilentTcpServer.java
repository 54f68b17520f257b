package io.netprobe.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The hung target of an outage: a loopback TCP server that accepts every connection and never sends a byte. It
 * holds what it accepted until closed, so a test can count the connections that reached it. Thread-safe.
 */
public final class SilentTcpServer implements AutoCloseable {
  private final ServerSocket server;
  private final Queue<Socket> accepted = new ConcurrentLinkedQueue<>();

  private SilentTcpServer(ServerSocket server) {
    this.server = server;
  }

  /** Listens on 127.0.0.1 (a port of the system's choosing) with an accept queue of {@code backlog}. */
  public static SilentTcpServer start(int backlog) throws IOException {
    SilentTcpServer s = new SilentTcpServer(new ServerSocket(0, backlog, InetAddress.getLoopbackAddress()));
    Thread acceptor = new Thread(s::acceptAll, "silent-tcp-server-" + s.port());
    acceptor.setDaemon(true);
    acceptor.start();
    return s;
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        accepted.add(server.accept());
      } catch (IOException closed) {
        return;
      }
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:port/}. */
  public String httpUrl() {
    return "http://127.0.0.1:" + port() + "/";
  }

  /** Connections accepted so far. */
  public int accepted() {
    return accepted.size();
  }

  /** Closes the connections accepted so far (the peers see their end), leaving the server listening. */
  public void closeAccepted() throws IOException {
    for (Socket s; (s = accepted.poll()) != null; ) {
      s.close();
    }
  }

  /** Stops listening and closes every accepted connection. */
  @Override
  public void close() throws IOException {
    server.close();
    closeAccepted();
  }
}
