package io.netprobe.sockets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.internal.engine.DefaultLimits;
import io.netprobe.sockets.TcpConnectResult;
import java.io.IOException;
import java.net.InetAddress;
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
 * Out of file descriptors: child JVMs whose open-files limit is 400 connect to a silent listener (a full backlog).
 * With a maxInFlight above the limit, the connects past it fail as RESOURCE_EXHAUSTED and the JVM goes on. Within a
 * bound the limit leaves room for, none does, even when a whole wave of probes times out at once and hands its
 * slots to the next wave: a probe completes only once its socket's fd is really closed (NIO frees the fd of a
 * registered channel at the selector's next select), so the next wave never meets the fds of the last.
 */
class FdExhaustionTest {
  private static final int LIMIT = 400;
  /**
   * The second wave took slots the first handed on (all of it on an idle machine; a loop starved by a loaded one may
   * hand some on only after their deadline), and every one of its probes timed out.
   */
  private static final String WAVE2_STARTED = "wave2 started [1-9]\\d* \\{TIMEOUT=\\d+}";
  private static FullBacklogListener full;

  @BeforeAll
  static void silentListener() throws IOException {
    full = new FullBacklogListener(InetAddress.getLoopbackAddress());
  }

  @AfterAll
  static void close() throws IOException {
    full.close();
  }

  @Test
  void connectsPastTheOpenFilesLimitAreTypedResultsAndTheJvmGoesOn() throws Exception {
    String out = child("burst", 1000);
    assertThat(out).contains("RESOURCE_EXHAUSTED=").contains("TIMEOUT=").contains("alive");
  }

  @Test
  void theDefaultBoundLeavesRoomWhenAWaveOfTimeoutsHandsItsSlotsOn() throws Exception {
    String out = child("waves", 0);
    assertThat(out).doesNotContain("RESOURCE_EXHAUSTED").contains("wave1 {TIMEOUT=").contains("alive");
    assertThat(out).contains("bound " + DefaultLimits.maxInFlight(LIMIT) + "\n").containsPattern(WAVE2_STARTED);
  }

  /** A bound leaving only a few fds spare: a slot handed on before its fd is free would exceed the limit. */
  @Test
  void aTightBoundHoldsBecauseAProbeCompletesOnlyOnceItsFdIsClosed() throws Exception {
    String out = child("waves", -24);
    assertThat(out).doesNotContain("RESOURCE_EXHAUSTED").contains("wave1 {TIMEOUT=").contains("alive");
    assertThat(out).containsPattern(WAVE2_STARTED);
  }

  private static String child(String mode, int maxInFlight) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("java.class.path");
    Process p = new ProcessBuilder("bash", "-c", "ulimit -n " + LIMIT + " && exec \"$0\" -cp \"$1\" \"$2\" "
        + full.port() + " " + maxInFlight + " " + mode, java, cp, Child.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  /**
   * The child. burst: 600 connects at once. waves: a first wave of {@code bound} connects with a short timeout, and
   * a second of {@code bound} queued behind it, which starts as the first times out. A negative maxInFlight means
   * "the limit minus the fds open after a warm-up, minus this many". Prints the count of each outcome and a line
   * proving the JVM still works.
   */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      int port = Integer.parseInt(args[0]);
      int max = Integer.parseInt(args[1]);
      ProbeClient.Builder b = Probes.builder().backend(new NioTcpConnectBackend());
      try (ProbeClient warm = Probes.builder().backend(new NioTcpConnectBackend()).build()) {
        warm.tcp("127.0.0.1", port).timeout(Duration.ofMillis(20)).run();
        warm.tcp("127.0.0.1", 1).timeout(Duration.ofMillis(20)).run();
      }
      int baseline = openFds();
      int bound = max > 0 ? max : max == 0 ? DefaultLimits.maxInFlight() : (int) DefaultLimits.openFilesLimit()
          - baseline + max;
      b.maxInFlight(bound);
      System.out.println("baseline " + baseline + " fds, bound " + bound);
      try (ProbeClient client = b.build()) {
        if (args[2].equals("burst")) {
          System.out.println(outcomes(connects(client, port, 600, 500)));
        } else {
          List<CompletableFuture<TcpConnectResult>> wave1 = connects(client, port, bound, 300);
          List<CompletableFuture<TcpConnectResult>> wave2 = connects(client, port, bound, 2500);
          System.out.println("wave1 " + outcomes(wave1));
          long started = wave2.stream().filter(f -> f.join().failure().map(x -> !x.message()
              .contains("never started")).orElse(true)).count();
          System.out.println("wave2 started " + started + " " + outcomes(wave2));
        }
        System.out.println(client.tcp("127.0.0.1", port).timeout(Duration.ofMillis(100)).run().failureKind()
            .map(k -> "alive " + k).orElse("alive"));
      }
    }

    private static List<CompletableFuture<TcpConnectResult>> connects(ProbeClient client, int port, int n,
        long timeoutMillis) {
      List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(client.tcp("127.0.0.1", port).timeout(Duration.ofMillis(timeoutMillis)).runAsync());
      }
      return futures;
    }

    private static Map<String, Integer> outcomes(List<CompletableFuture<TcpConnectResult>> futures) {
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
