package io.netprobe.sockets.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.testing.OpenSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TCP connect probes on the client's engine against real loopback sockets: an accepting server, a refused port, a
 * listener whose backlog is full (silent); many probes at once on a handful of
 * threads; cancellation and client close with probes in flight; sockets and threads back to the baseline after.
 */
class TcpConnectOnTheEngineTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static ServerSocket accepting;
  private static FullBacklogListener full;
  private static Thread acceptor;

  @BeforeAll
  static void servers() throws IOException {
    accepting = new ServerSocket(0, 4096, LOOPBACK);
    acceptor = new Thread(() -> {
      while (!accepting.isClosed()) {
        try {
          accepting.accept().close();
        } catch (IOException closed) {
          return;
        }
      }
    }, "test-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
    full = new FullBacklogListener(LOOPBACK);
  }

  @AfterAll
  static void close() throws IOException {
    accepting.close();
    full.close();
      }

  private static int refusedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return s.getLocalPort();
    }
  }

  private static int netprobeThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("netprobe-") && t.isAlive()).count();
  }

  @Test
  void acceptedRefusedAndSilentPeersGiveTheSameOutcomesAsBefore() throws Exception {
    try (ProbeClient client = Probes.builder().backend(new NioTcpConnectBackend()).build()) {
      TcpConnectResult ok = client.tcp("127.0.0.1", accepting.getLocalPort()).timeout(Duration.ofSeconds(2)).run();
      assertThat(ok.failure()).isEmpty();
      assertThat(ok.local()).hasValueSatisfying(l -> assertThat(l.getAddress()).isEqualTo(LOOPBACK));
      assertThat(ok.backend()).isEqualTo(NioTcpConnectBackend.ID);

      TcpConnectResult refused = client.tcp("127.0.0.1", refusedPort()).timeout(Duration.ofSeconds(2)).run();
      assertThat(refused.failureKind()).contains(FailureKind.CONNECTION_REFUSED);

      long t0 = System.nanoTime();
      TcpConnectResult silent = client.tcp("127.0.0.1", full.port()).timeout(Duration.ofMillis(200)).run();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertThat(silent.failureKind()).contains(FailureKind.TIMEOUT);
      assertThat(silent.failure().orElseThrow().message()).contains("SYN unanswered");
      assertThat(tookMillis).isBetween(190L, 400L);
    }
  }

  /**
   * A loopback handshake is done when connect returns: the probe is made on the caller's thread and is complete when
   * runAsync returns (no loop, no timer); a silent peer's probe goes on to a loop, which times it out.
   */
  @Test
  void aConnectThatIsDoneWhenConnectReturnsCompletesBeforeRunAsyncReturns() throws Exception {
    try (ProbeClient client = Probes.builder().backend(new NioTcpConnectBackend()).build()) {
      int done = 0;
      for (int i = 0; i < 20; i++) {
        CompletableFuture<TcpConnectResult> f = client.tcp("127.0.0.1", accepting.getLocalPort())
            .timeout(Duration.ofSeconds(2)).runAsync();
        done += f.isDone() ? 1 : 0;
        assertThat(f.get(2, TimeUnit.SECONDS).failure()).isEmpty();
      }
      // a loaded machine may leave a handshake unfinished now and then: then the loop finishes it
      assertThat(done).as("probes complete before runAsync returned").isGreaterThanOrEqualTo(15);
      CompletableFuture<TcpConnectResult> silent = client.tcp("127.0.0.1", full.port())
          .timeout(Duration.ofMillis(200)).runAsync();
      assertThat(silent).isNotDone();
      assertThat(silent.get(2, TimeUnit.SECONDS).failureKind()).contains(FailureKind.TIMEOUT);
    }
  }

  @Test
  void syncConnectIsTheAsyncPathJoinedOnTheBackendsOwnEngine() throws Exception {
    try (NioTcpConnectBackend backend = new NioTcpConnectBackend()) {
      TcpConnectResult r = backend.connect(new io.netprobe.sockets.TcpConnectSpec(io.netprobe.core.Host.of(
          "127.0.0.1"), refusedPort(), Duration.ofSeconds(1)), io.netprobe.core.Deadline.after(Duration.ofSeconds(1)));
      assertThat(r.failureKind()).contains(FailureKind.CONNECTION_REFUSED);
    }
  }

  @Test
  void aThousandConcurrentProbesRunOnAHandfulOfThreadsAndLeaveNoSocket() throws Exception {
    long socketsBefore = OpenSockets.count();
    AtomicInteger peak = new AtomicInteger();
    try (ProbeClient client = Probes.builder().backend(new NioTcpConnectBackend()).build()) {
      List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        int port = i % 2 == 0 ? accepting.getLocalPort() : full.port();
        futures.add(client.tcp("127.0.0.1", port).timeout(Duration.ofMillis(500)).runAsync());
        if (i % 100 == 0) {
          peak.accumulateAndGet(netprobeThreads(), Math::max);
        }
      }
      CompletableFuture<?> all = CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
      while (!all.isDone()) {
        peak.accumulateAndGet(netprobeThreads(), Math::max);
        Thread.sleep(20);
      }
      int connected = 0;
      int timedOut = 0;
      for (CompletableFuture<TcpConnectResult> f : futures) {
        TcpConnectResult r = f.join();
        if (r.failure().isEmpty()) {
          connected++;
        } else if (r.failureKind().orElseThrow() == FailureKind.TIMEOUT) {
          timedOut++;
        }
      }
      assertThat(connected).isEqualTo(500);
      assertThat(timedOut).isEqualTo(500);
    }
    // timer, two TCP loops, completion pool (2): far from one thread per probe
    assertThat(peak.get()).isLessThanOrEqualTo(8);
    assertThat(OpenSockets.count()).isLessThanOrEqualTo(socketsBefore);
  }

  @Test
  void cancellingAProbeClosesItsSocket() throws Exception {
    try (ProbeClient client = Probes.builder().backend(new NioTcpConnectBackend()).build()) {
      client.tcp("127.0.0.1", accepting.getLocalPort()).run(); // the engine's own fds are open now
      long before = OpenSockets.count();
      List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        futures.add(client.tcp("127.0.0.1", full.port()).timeout(Duration.ofSeconds(30)).runAsync());
      }
      waitFor(() -> sockets() >= before + 50);
      futures.forEach(f -> f.cancel(true));
      waitFor(() -> sockets() <= before);
      assertThat(OpenSockets.count()).isLessThanOrEqualTo(before);
    }
  }

  @Test
  void closingTheClientCompletesProbesInFlightAsCancelledAndLeavesNoThreadOrSocket() throws Exception {
    long socketsBefore = OpenSockets.count();
    int threadsBefore = netprobeThreads();
    ProbeClient client = Probes.builder().backend(new NioTcpConnectBackend()).maxInFlight(10).build();
    List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
    for (int i = 0; i < 30; i++) { // 10 in flight, 20 waiting for a slot
      futures.add(client.tcp("127.0.0.1", full.port()).timeout(Duration.ofSeconds(30)).runAsync());
    }
    Thread.sleep(100);
    client.close();
    for (CompletableFuture<TcpConnectResult> f : futures) {
      assertThat(f.get(1, TimeUnit.SECONDS).failureKind()).contains(FailureKind.CANCELLED);
    }
    waitFor(() -> netprobeThreads() <= threadsBefore);
    assertThat(netprobeThreads()).isLessThanOrEqualTo(threadsBefore);
    assertThat(OpenSockets.count()).isLessThanOrEqualTo(socketsBefore);
  }

  @Test
  void probesBeyondMaxInFlightWaitWithoutAThreadAndStillKeepTheirDeadline() throws Exception {
    try (ProbeClient client = Probes.builder().backend(new NioTcpConnectBackend()).maxInFlight(5).build()) {
      List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        futures.add(client.tcp("127.0.0.1", full.port()).timeout(Duration.ofMillis(300)).runAsync());
      }
      List<TcpConnectResult> results = futures.stream().map(CompletableFuture::join).toList();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertThat(results).allSatisfy(r -> assertThat(r.failureKind()).contains(FailureKind.TIMEOUT));
      // the 5 running ones time out at their deadlines; a waiting one whose deadline is a little later than theirs
      // may still start in the slot they free, and time out itself (how many rounds fit depends on how far apart
      // a loaded machine submitted them)
      assertThat(results.stream().filter(r -> r.failure().orElseThrow().message().contains("never started")))
          .isNotEmpty().hasSizeLessThanOrEqualTo(15);
      assertThat(tookMillis).isLessThan(800);
    }
  }

  @Test
  void aSourceAddressIsBoundBeforeConnectingAndOneNotOfThisMachineIsATypedFailure() throws Exception {
    try (ProbeClient client = Probes.builder().backend(new NioTcpConnectBackend()).build()) {
      InetAddress other = InetAddress.getByName("127.0.0.2");
      TcpConnectResult r = client.tcp("127.0.0.1", accepting.getLocalPort()).source(other).run();
      assertThat(r.failure()).isEmpty();
      assertThat(r.local()).hasValueSatisfying(l -> assertThat(l.getAddress()).isEqualTo(other));

      TcpConnectResult foreign = client.tcp("127.0.0.1", accepting.getLocalPort())
          .source(InetAddress.getByName("192.0.2.77")).run();
      assertThat(foreign.failureKind()).contains(FailureKind.NETWORK_ERROR);
      assertThat(foreign.failure().orElseThrow().message()).contains("192.0.2.77").contains("no such address");
    }
  }

  @Test
  void resetOnCloseLeavesNoTimeWaitOnEitherSide() throws Exception {
    // a server of its own, so that no TIME_WAIT of another test's connections can match
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
         ProbeClient client = Probes.builder().backend(new NioTcpConnectBackend()).build()) {
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            s.getInputStream().read(); // waits for the client's close (FIN or RST), so the client closes first
          } catch (IOException closedOrReset) {
            // the next one
          }
        }
      }, "test-reset-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
      TcpConnectResult reset = client.tcp("127.0.0.1", server.getLocalPort()).resetOnClose(true).run();
      Thread.sleep(100);
      assertThat(timeWait(reset.local().orElseThrow().getPort(), server.getLocalPort())).isEmpty();

      TcpConnectResult normal = client.tcp("127.0.0.1", server.getLocalPort()).run();
      Thread.sleep(100);
      assertThat(timeWait(normal.local().orElseThrow().getPort(), server.getLocalPort()))
          .as("a normal close (FIN first from the client) leaves the client in TIME_WAIT").isNotEmpty();
    }
  }

  /**
   * The TIME_WAIT sockets of the connection from local port {@code port} to the accepting server on {@code
   * serverPort}, either end, from ss. Both ports: the machine's other connections may have used the same local port
   * to another peer (Linux reuses a local port for a different destination while an old one is in TIME_WAIT).
   */
  private static String timeWait(int port, int serverPort) throws Exception {
    Process ss = new ProcessBuilder("ss", "-Htan", "state", "time-wait", "( ( sport = :" + port + " and dport = :"
        + serverPort + " ) or ( sport = :" + serverPort + " and dport = :" + port + " ) )")
        .redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes()).trim();
    ss.waitFor();
    return out;
  }

  private static long sockets() {
    try {
      return OpenSockets.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
  }

  static boolean linux() {
    return Files.isDirectory(Path.of("/proc/self/fd"));
  }
}
