package io.netprobe.sockets.internal;

import io.netprobe.testing.contract.TcpConnectBackendContract;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The TCP contract against real loopback sockets; the assertions are the contract's tests. */
class NioTcpConnectBackendTest extends TcpConnectBackendContract {
  private final NioTcpConnectBackend backend = new NioTcpConnectBackend();
  private ServerSocket open;
  private FullBacklogListener full;

  @BeforeEach
  void openSockets() throws IOException {
    open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    full = new FullBacklogListener(InetAddress.getLoopbackAddress());
  }

  @AfterEach
  void closeSockets() throws IOException {
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
    return new Target("127.0.0.1", full.port());
  }
}
