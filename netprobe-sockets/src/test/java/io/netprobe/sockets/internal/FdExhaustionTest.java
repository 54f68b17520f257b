package io.netprobe.sockets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.sockets.TcpConnectResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Out of file descriptors: a child JVM whose open-files limit is 400 starts 600 connects to a silent listener. With
 * an explicit maxInFlight above the limit, the connects past it fail as RESOURCE_EXHAUSTED (and the JVM goes on);
 * with the default, which reads the limit, probes wait for a slot instead and none fails that way.
 */
class FdExhaustionTest {

  @Test
  void runningOutOfFileDescriptorsIsATypedResultAndTheDefaultBoundAvoidsIt() throws Exception {
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
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
      String explicit = child(full.getLocalPort(), 1000);
      assertThat(explicit).contains("RESOURCE_EXHAUSTED=").contains("TIMEOUT=").contains("alive");
      String bounded = child(full.getLocalPort(), 0);
      assertThat(bounded).doesNotContain("RESOURCE_EXHAUSTED").contains("TIMEOUT=600").contains("alive");
      for (Socket s : fillers) {
        s.close();
      }
    }
  }

  private static String child(int port, int maxInFlight) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    Process p = new ProcessBuilder("bash", "-c", "ulimit -n 400 && exec \"$0\" -cp \"$1\" \"$2\" " + port + " "
        + maxInFlight, java, cp, Child.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /** The child: 600 connects at once, then the count of each outcome and a line proving the JVM still works. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      int port = Integer.parseInt(args[0]);
      int max = Integer.parseInt(args[1]);
      ProbeClient.Builder b = Probes.builder().backend(new NioTcpConnectBackend());
      if (max > 0) {
        b.maxInFlight(max);
      }
      try (ProbeClient client = b.build()) {
        List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
          futures.add(client.tcp("127.0.0.1", port).timeout(Duration.ofMillis(500)).runAsync());
        }
        Map<String, Integer> kinds = new TreeMap<>();
        futures.forEach(f -> kinds.merge(f.join().failureKind().map(Enum::name).orElse("OK"), 1, Integer::sum));
        System.out.println(kinds);
        System.out.println(client.tcp("127.0.0.1", port).timeout(Duration.ofMillis(100)).run().failureKind()
            .map(k -> "alive " + k).orElse("alive"));
      }
    }
  }
}
