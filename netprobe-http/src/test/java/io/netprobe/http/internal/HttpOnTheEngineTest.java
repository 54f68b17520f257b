package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.testing.OpenSockets;
import io.netprobe.testing.SilentTcpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HTTP probes on the client's engine against a loopback server that accepts every connection and never answers:
 * every probe completes by its deadline, HTTPS handshakes wait on the engine's loops, the backend's call threads (where
 * OkHttp makes an exchange) stay within their bound whatever the number of probes, and closing the client leaves no
 * socket.
 */
class HttpOnTheEngineTest {

  @Test
  void manyProbesToASilentServerTimeOutByTheDeadlineOnBoundedThreads() throws Exception {
    try (SilentTcpServer server = SilentTcpServer.start(1024)) {
      long socketsBefore;
      int peakHttpThreads = 0;
      Duration timeout = Duration.ofMillis(600);
      try (ProbeClient client = Probes.builder().backend(new OkHttpBackend()).build()) {
        // warm: loading OkHttp is not what this test measures, nor the JDK's one socket pair for closing sockets
        // that a thread blocks in, made by the first such close of the JVM
        client.http(server.httpUrl()).timeout(Duration.ofMillis(300)).run();
        socketsBefore = OpenSockets.count() - 1; // the warm-up's own connection, held by the server

        List<CompletableFuture<HttpProbeResult>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
          futures.add(client.http(server.httpUrl() + i).timeout(timeout).runAsync());
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
      server.closeAccepted();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (OpenSockets.count() > socketsBefore && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(OpenSockets.count()).isLessThanOrEqualTo(socketsBefore);
    }
  }

  /**
   * HTTPS to a server that accepts and never answers: each handshake waits for a ServerHello that never comes, on the
   * engine's loops (no call thread at all), and ends by its deadline saying so; closing the client leaves no socket.
   */
  @Test
  void manyHttpsProbesWaitInTheirHandshakesOnTheEngineWithoutAThreadEach() throws Exception {
    try (SilentTcpServer server = SilentTcpServer.start(1024)) {
      String url = "https://127.0.0.1:" + server.port() + "/";
      long socketsBefore;
      long fdsBefore;
      int callThreadsBefore;
      int peakCallThreads = 0;
      try (ProbeClient client = Probes.builder().backend(new OkHttpBackend()).build()) {
        // warm: the first HTTPS probes of a JVM go to OkHttp while the TLS library and the trust store load
        long warm = EngineHttpExchange.HANDSHAKES.sum();
        for (int i = 0; i < 20 && EngineHttpExchange.HANDSHAKES.sum() == warm; i++) {
          client.http(url).timeout(Duration.ofMillis(500)).run();
        }
        server.closeAccepted();
        socketsBefore = OpenSockets.count();
        fdsBefore = openFiles();
        long handshakes = EngineHttpExchange.HANDSHAKES.sum();
        callThreadsBefore = callThreads();
        List<CompletableFuture<HttpProbeResult>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) {
          futures.add(client.http(url + i).timeout(Duration.ofMillis(600)).runAsync());
        }
        CompletableFuture<?> all = CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
        while (!all.isDone()) {
          peakCallThreads = Math.max(peakCallThreads, callThreads());
          Thread.sleep(10);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(600 + 400);
        for (CompletableFuture<HttpProbeResult> f : futures) {
          HttpProbeResult r = f.join();
          assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
          assertThat(r.failure().orElseThrow().message()).isEqualTo("no answer from 127.0.0.1:" + server.port()
              + " before the deadline (stopped while the TLS handshake)");
        }
        assertThat(EngineHttpExchange.HANDSHAKES.sum() - handshakes).isEqualTo(200);
      }
      // the warm-up's calls may have left idle call threads; the 200 probes made none
      assertThat(peakCallThreads).isLessThanOrEqualTo(callThreadsBefore);
      server.closeAccepted();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (OpenSockets.count() > socketsBefore && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(OpenSockets.count()).isLessThanOrEqualTo(socketsBefore);
      // no collection asked for: Conscrypt's connections hold two descriptors each (a pipe) until freed, which the
      // exchange does when it ends, not the finalizer
      while (openFiles() > fdsBefore + 10 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertThat(openFiles()).isLessThanOrEqualTo(fdsBefore + 10);
    }
  }

  private static long openFiles() throws java.io.IOException {
    try (java.util.stream.Stream<java.nio.file.Path> fds = java.nio.file.Files.list(java.nio.file.Path.of(
        "/proc/self/fd"))) {
      return fds.count();
    }
  }

  /**
   * One call thread, held by a probe to a silent server until its 300 ms deadline. A probe queued behind it with a
   * 310 ms timeout has ~10 ms (a thirtieth) of its time left when the thread frees: it is not started, and ends by
   * its deadline saying why. One queued with 700 ms still has more than half its time then: it is started.
   */
  @Test
  void aCallThatWaitedForAThreadUntilItsLastTwentiethIsNotStarted() throws Exception {
    try (SilentTcpServer server = SilentTcpServer.start(50)) {
      String url = server.httpUrl();
      try (ProbeClient client = Probes.builder().backend(oneCallThread()).build()) {
        client.http(url).timeout(Duration.ofMillis(200)).run(); // warm: loading OkHttp is not what is measured
        int warm = server.accepted();

        CompletableFuture<HttpProbeResult> first = client.http(url + "first").timeout(Duration.ofMillis(300)).runAsync();
        long t0 = System.nanoTime();
        CompletableFuture<HttpProbeResult> late = client.http(url + "late").timeout(Duration.ofMillis(310)).runAsync();
        CompletableFuture<HttpProbeResult> roomy = client.http(url + "roomy").timeout(Duration.ofMillis(700)).runAsync();

        HttpProbeResult lateResult = late.get(5, TimeUnit.SECONDS);
        long lateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(first.get(5, TimeUnit.SECONDS).failureKind()).contains(FailureKind.TIMEOUT);
        assertThat(lateResult.failureKind()).contains(FailureKind.TIMEOUT);
        assertThat(lateResult.failure().orElseThrow().message()).contains("every HTTP call thread was busy");
        assertThat(lateMillis).isBetween(300L, 310L + 200);
        assertThat(roomy.get(5, TimeUnit.SECONDS).failureKind()).contains(FailureKind.TIMEOUT);
        // the first and the roomy probe connected; the late one never did
        assertThat(server.accepted() - warm).isEqualTo(2);
      }
    }
  }

  /**
   * A call still waiting for the response at its deadline ends then, with the failure its phases give: the address
   * it reached and what it was doing, as the classifier words it once the call has unwound.
   */
  @Test
  void aCallRunningAtItsDeadlineEndsThenNamingWhatItWasDoing() throws Exception {
    try (SilentTcpServer server = SilentTcpServer.start(50)) {
      String url = server.httpUrl();
      try (ProbeClient client = Probes.builder().backend(new OkHttpBackend()).build()) {
        client.http(url).timeout(Duration.ofMillis(200)).run(); // warm: loading OkHttp is not what is measured
        long t0 = System.nanoTime();
        HttpProbeResult r = client.http(url).timeout(Duration.ofMillis(400)).runAsync().get(5, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
        assertThat(r.failure().orElseThrow().message()).isEqualTo("no answer from 127.0.0.1:" + server.port()
            + " before the deadline (stopped while waiting for the response headers)");
        assertThat(tookMillis).isBetween(400L, 400L + 200);
      }
    }
  }

  /**
   * One call thread, held by a probe to a silent server with a 10 s deadline, and a probe queued behind it. Cancelling
   * both closes the running call's connection at once, not at its deadline, and the thread it frees does not start
   * the cancelled one.
   */
  @Test
  void cancellingAProbeClosesItsConnectionAndAQueuedOneNeverStarts() throws Exception {
    try (SilentTcpServer server = SilentTcpServer.start(50)) {
      String url = server.httpUrl();
      try (ProbeClient client = Probes.builder().backend(oneCallThread()).build()) {
        client.http(url).timeout(Duration.ofMillis(200)).run(); // warm: loading OkHttp is not what is measured
        server.closeAccepted();
        long socketsBefore = OpenSockets.count();
        int warm = server.accepted();
        CompletableFuture<HttpProbeResult> running = client.http(url + "running").timeout(Duration.ofSeconds(10))
            .runAsync();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (server.accepted() == warm && System.nanoTime() < until) {
          Thread.sleep(5);
        }
        assertThat(server.accepted()).isEqualTo(warm + 1);
        CompletableFuture<HttpProbeResult> queued = client.http(url + "queued").timeout(Duration.ofSeconds(10))
            .runAsync();

        long t0 = System.nanoTime();
        queued.cancel(true);
        running.cancel(true);
        // this JVM's sockets: the server's side of the running call stays (it never reads); the client's side goes
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (OpenSockets.count() > socketsBefore + 1 && System.nanoTime() < until) {
          Thread.sleep(5);
        }
        assertThat(OpenSockets.count()).isLessThanOrEqualTo(socketsBefore + 1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2_000);
        Thread.sleep(300); // time enough for the freed thread to have started the queued call, had it been going to
        assertThat(server.accepted()).isEqualTo(warm + 1);
        assertThat(running).isCancelled();
        assertThat(queued).isCancelled();
      }
    }
  }

  private static int callThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("netprobe-http-"))
        .count();
  }

  /** The HTTP backend with calls on one platform thread of their own: a second call waits for the first. */
  private static OkHttpBackend oneCallThread() {
    return new OkHttpBackend(null, OkHttpBackend.SYSTEM, TlsStack.system(), new HttpCalls(1, 1, false), false);
  }

  @Test
  void whetherAWaitingCallStartsDependsOnTheShareOfItsTimeLeft() {
    long second = TimeUnit.SECONDS.toNanos(1);
    assertThat(QueuedCall.worthStarting(second, second)).isTrue();
    assertThat(QueuedCall.worthStarting(second, second / 20)).isTrue();
    assertThat(QueuedCall.worthStarting(second, second / 20 - 1)).isFalse();
    assertThat(QueuedCall.worthStarting(second, 0)).isFalse();
    // a call queued with little time that did not wait still starts
    assertThat(QueuedCall.worthStarting(TimeUnit.MILLISECONDS.toNanos(2), TimeUnit.MILLISECONDS.toNanos(2))).isTrue();
  }
}
