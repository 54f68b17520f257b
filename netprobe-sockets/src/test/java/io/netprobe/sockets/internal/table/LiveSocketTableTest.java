package io.netprobe.sockets.internal.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsResult;

import io.netprobe.sockets.Exposure;
import io.netprobe.testing.contract.SocketTableBackendContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

  @Test
  void aDeadlineThatHasPassedGivesATimeoutFailure() throws InterruptedException {
    Deadline passed = Deadline.after(Duration.ofNanos(1));
    Thread.sleep(1);
    ListeningSocketsResult r = backend().listening(ListeningSocketsSpec.all(Duration.ofMillis(1)), passed);
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.backend()).isEqualTo(backend().id());
  }

  @Test
  void otherOperatingSystemsGetUnsupportedPlatform() {
    String real = System.getProperty("os.name");
    System.setProperty("os.name", "Mac OS X");
    try {
      ListeningSocketsResult r = backend().listening(ListeningSocketsSpec.all(Duration.ofSeconds(1)),
          Deadline.after(Duration.ofSeconds(1)));
      assertThat(r.failureKind()).contains(FailureKind.UNSUPPORTED_PLATFORM);
      assertThat(r.failure().orElseThrow().message()).contains("Mac OS X");
    } finally {
      System.setProperty("os.name", real);
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
