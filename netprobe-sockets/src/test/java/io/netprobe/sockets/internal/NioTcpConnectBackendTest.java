package io.netprobe.sockets.internal;

import io.netprobe.testing.contract.TcpConnectBackendContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The TCP contract against real loopback sockets; the assertions are the contract's tests. */
class NioTcpConnectBackendTest extends TcpConnectBackendContract {
  private final NioTcpConnectBackend backend = new NioTcpConnectBackend();
  private ServerSocket open;
  private ServerSocket full;
  private final List<Socket> fillers = new ArrayList<>();

  @BeforeEach
  void openSockets() throws IOException {
    open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    // A listener whose accept queue is full: Linux drops further SYNs (tcp_abort_on_overflow=0), so the peer is
    // silent, without sending anything off the machine.
    full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    for (int i = 0; i < 8; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
        fillers.add(s);
      } catch (IOException queueFull) {
        s.close();
        break;
      }
    }
  }

  @AfterEach
  void closeSockets() throws IOException {
    for (Socket s : fillers) {
      s.close();
    }
    open.close();
    full.close();
  }

  @Override
  protected NioTcpConnectBackend backend() {
    return backend;
  }

  @Override
  protected Target openTarget() {
    return new Target("127.0.0.1", open.getLocalPort());
  }

  @Override
  protected Target refusingTarget() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new Target("127.0.0.1", s.getLocalPort()); // closed again at once: nothing listens there now
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected Target silentTarget() {
    return new Target("127.0.0.1", full.getLocalPort());
  }
}
