package io.netprobe.sockets.internal.table;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.sockets.Exposure;
import io.netprobe.testing.contract.SocketTableBackendContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The socket-table contract against real loopback sockets this JVM opens; one subclass per real backend. */
abstract class LiveSocketTableTest extends SocketTableBackendContract {
  static final long PID = ProcessHandle.current().pid();

  private ServerSocket listener;
  private DatagramSocket udp;

  @BeforeEach
  void openSockets() throws IOException {
    assumeTrue(NetlinkSocketTableBackend.isLinux(), "socket tables are read on Linux only");
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
    udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
  }

  @AfterEach
  void closeSockets() throws IOException {
    if (listener != null) {
      listener.close();
    }
    if (udp != null) {
      udp.close();
    }
  }

  @Override
  protected Expected tcpListener() {
    return new Expected(listener.getInetAddress(), listener.getLocalPort(), Exposure.LOOPBACK, OptionalLong.of(PID),
        "java");
  }

  @Override
  protected Expected udpSocket() {
    return new Expected(udp.getLocalAddress(), udp.getLocalPort(), Exposure.LOOPBACK, OptionalLong.of(PID), "java");
  }

  @Override
  protected int unusedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort(); // closed at once: free unless someone grabs it in the next milliseconds
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
