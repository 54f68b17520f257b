package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.testing.OpenSockets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HTTP probes on the client's engine against a loopback server that accepts every connection and never answers:
 * every probe completes by its deadline, the backend's call threads stay within their bound whatever the number of
 * probes, and closing the client leaves no socket.
 */
class HttpOnTheEngineTest {

  @Test
  void manyProbesToASilentServerTimeOutByTheDeadlineOnBoundedThreads() throws Exception {
    ConcurrentLinkedQueue<Socket> held = new ConcurrentLinkedQueue<>();
    try (ServerSocket server = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            held.add(server.accept());
          } catch (IOException closed) {
            return;
          }
        }
      }, "test-silent-http");
      acceptor.setDaemon(true);
      acceptor.start();
      long socketsBefore;
      int peakHttpThreads = 0;
      Duration timeout = Duration.ofMillis(600);
      try (ProbeClient client = Probes.builder().backend(new OkHttpBackend()).build()) {
        // warm: loading OkHttp is not what this test measures, nor the JDK's one socket pair for closing sockets
        // that a thread blocks in, made by the first such close of the JVM
        client.http("http://127.0.0.1:" + server.getLocalPort() + "/").timeout(Duration.ofMillis(300)).run();
        socketsBefore = OpenSockets.count() - 1; // the warm-up's own connection, held by the server

        List<CompletableFuture<HttpProbeResult>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
          futures.add(client.http("http://127.0.0.1:" + server.getLocalPort() + "/" + i).timeout(timeout)
              .runAsync());
        }
        CompletableFuture<?> all = CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
        while (!all.isDone()) {
          peakHttpThreads = Math.max(peakHttpThreads, (int) Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("netprobe-http-")).count());
          Thread.sleep(10);
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        for (CompletableFuture<HttpProbeResult> f : futures) {
          assertThat(f.join().failureKind()).contains(FailureKind.TIMEOUT);
        }
        // every probe was due 600 ms after it was made; the last ones queued behind the bound still end then
        assertThat(tookMillis).isLessThan(600 + 400);
      }
      assertThat(peakHttpThreads).isLessThanOrEqualTo(HttpCalls.PLATFORM_THREADS);
      for (Socket s : held) {
        s.close();
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (OpenSockets.count() > socketsBefore && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(OpenSockets.count()).isLessThanOrEqualTo(socketsBefore);
    }
  }
}
