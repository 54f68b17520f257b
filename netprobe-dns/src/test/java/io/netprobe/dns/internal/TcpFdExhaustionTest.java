package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS over TCP (the truncation fallback, here forced with {@code tcp()}) within the open-files limit: in a child JVM
 * whose limit is 400, a wave of lookups to a silent TCP server (a full backlog) times out at once and hands every
 * slot of a bound that leaves only a few fds spare to a second wave. None meets the limit, because a lookup
 * completes only once its connection's fd is really closed (NIO frees a registered channel's fd at the selector's
 * next select), as the TCP connect probe does (FdExhaustionTest in netprobe-sockets).
 */
class TcpFdExhaustionTest {
  private static final int LIMIT = 400;
  private static final String WAVE2_STARTED = "wave2 started [1-9]\\d* \\{TIMEOUT=\\d+}";
  private static ServerSocket listener;
  private static final List<Socket> FILLERS = new ArrayList<>();

  /** A listener with a backlog of one, filled: Linux drops further SYNs, so connects hang until their deadline. */
  @BeforeAll
  static void silentTcpServer() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    listener = new ServerSocket(0, 1, loopback);
    for (int i = 0; i < 8; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(loopback, listener.getLocalPort()), 200);
        FILLERS.add(s);
      } catch (IOException queueFull) {
        s.close();
        break;
      }
    }
  }

  @AfterAll
  static void close() throws IOException {
    for (Socket s : FILLERS) {
      s.close();
    }
    listener.close();
  }

  @Test
  void aTightBoundHoldsBecauseALookupCompletesOnlyOnceItsConnectionsFdIsClosed() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    Process p = new ProcessBuilder("bash", "-c", "ulimit -n " + LIMIT + " && exec \"$0\" -cp \"$1\" \"$2\" "
        + listener.getLocalPort() + " 24", java, cp, Child.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).doesNotContain("RESOURCE_EXHAUSTED").contains("wave1 {TIMEOUT=").contains("alive");
    assertThat(out).containsPattern(WAVE2_STARTED);
  }

  /**
   * The child: a bound of the limit minus the fds open after a warm-up minus {@code spare}; a first wave of
   * {@code bound} TCP lookups with a short timeout and a second of {@code bound} queued behind it, which starts as
   * the first times out. Prints the outcomes and a line proving the JVM still works.
   */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      int port = Integer.parseInt(args[0]);
      int spare = Integer.parseInt(args[1]);
      try (ProbeClient warm = Probes.builder().backend(new DnsjavaBackend()).build()) {
        warm.dns("warm.test").server("127.0.0.1", port).tcp().timeout(Duration.ofMillis(20)).run();
      }
      int baseline = openFds();
      int bound = LIMIT - baseline - spare;
      System.out.println("baseline " + baseline + " fds, bound " + bound);
      try (ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).maxInFlight(bound).build()) {
        List<CompletableFuture<DnsResult>> wave1 = lookups(client, port, bound, 300);
        List<CompletableFuture<DnsResult>> wave2 = lookups(client, port, bound, 2500);
        System.out.println("wave1 " + outcomes(wave1));
        long started = wave2.stream().filter(f -> f.join().failure().map(x -> !x.message()
            .contains("never started")).orElse(true)).count();
        System.out.println("wave2 started " + started + " " + outcomes(wave2));
        System.out.println(client.dns("last.test").server("127.0.0.1", port).tcp().timeout(Duration.ofMillis(100))
            .run().failureKind().map(k -> "alive " + k).orElse("alive"));
      }
    }

    private static List<CompletableFuture<DnsResult>> lookups(ProbeClient client, int port, int n, long millis) {
      List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(client.dns("n" + i + ".test").server("127.0.0.1", port).tcp().tries(1)
            .timeout(Duration.ofMillis(millis)).runAsync());
      }
      return futures;
    }

    private static Map<String, Integer> outcomes(List<CompletableFuture<DnsResult>> futures) {
      Map<String, Integer> kinds = new TreeMap<>();
      futures.forEach(f -> kinds.merge(f.join().failureKind().map(Enum::name).orElse("OK"), 1, Integer::sum));
      return kinds;
    }

    private static int openFds() throws IOException {
      try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
        return (int) fds.count() - 1; // the listing's own
      }
    }
  }
}
