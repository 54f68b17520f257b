package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTransport;
import io.netprobe.dns.internal.FakeDnsServer.Fault;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The multiplexed engine: many callers share a few sockets and each gets its own answer whatever order, ids and
 * questions the server sends back; deadlines, TCP fallback, cancellation and closing free what they held.
 */
class DnsEngineTest {

  @Test
  void manyConcurrentCallersOnSharedSocketsEachGetTheirOwnAnswer() throws Exception {
    try (ScramblingServer server = new ScramblingServer();
        ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(10)).build()) {
      int n = 2000;
      List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(client.dns("h" + i + ".example.test").server("127.0.0.1", server.port()).runAsync());
      }
      for (int i = 0; i < n; i++) {
        DnsResult r = futures.get(i).join();
        assertThat(r.failure()).as("h%d", i).isEmpty();
        assertThat(r.addresses()).as("h%d", i).extracting(a -> a.getHostAddress())
            .containsExactly(ScramblingServer.address(i));
        assertThat(r.transport()).contains(DnsTransport.UDP);
      }
      assertThat(server.sourcePorts()).hasSizeLessThanOrEqualTo(UdpMux.SOCKETS_PER_SERVER);
      assertThat(OwnSockets.udpTo(server.port())).isBetween(1, UdpMux.SOCKETS_PER_SERVER);
      Await.until(Duration.ofSeconds(3), () -> OwnSockets.udpTo(server.port()) == 0);
    }
  }

  @Test
  void aBatchAndSingleLookupsShareTheEngineAndKeepTheirOrder() throws Exception {
    try (ScramblingServer server = new ScramblingServer();
        ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(5)).build()) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        names.add("h" + i + ".example.test");
      }
      CompletableFuture<DnsResult> single = client.dns("h5000.example.test").server("127.0.0.1", server.port())
          .runAsync();
      var batch = client.dnsBatch(names).server("127.0.0.1", server.port()).maxInFlight(300).run();
      for (int i = 0; i < names.size(); i++) {
        assertThat(batch.results().get(i).addresses()).extracting(a -> a.getHostAddress())
            .containsExactly(ScramblingServer.address(i));
      }
      assertThat(single.join().addresses()).extracting(a -> a.getHostAddress())
          .containsExactly(ScramblingServer.address(5000));
    }
  }

  @Test
  void concurrentLookupsToASilentServerEachTimeOutByTheirDeadline() throws IOException {
    try (FakeDnsServer server = new FakeDnsServer("example.test").silent();
        ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).build()) {
      Duration timeout = Duration.ofMillis(300);
      long start = System.nanoTime();
      List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(client.dns("q" + i + ".example.test").server("127.0.0.1", server.port()).timeout(timeout)
            .runAsync());
      }
      futures.forEach(f -> {
        DnsResult r = f.join();
        assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(r.backend()).isEqualTo(DnsjavaBackend.ID);
      });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusMillis(400));
      assertThat(server.received()).hasSize(600);
    }
  }

  @Test
  void truncatedAnswersOfConcurrentCallersComeOverTcpOnTheLoop() throws IOException {
    try (FakeDnsServer server = new FakeDnsServer("example.test");
        ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).build()) {
      List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String name = "big" + i + ".example.test";
        server.record(name + ". 300 IN A 192.0.2." + (i + 1)).fault(name, Fault.TRUNCATE_UDP);
        futures.add(client.dns(name).server("127.0.0.1", server.port()).runAsync());
      }
      for (int i = 0; i < 20; i++) {
        DnsResult r = futures.get(i).join();
        assertThat(r.transport()).contains(DnsTransport.TCP);
        assertThat(r.attempts()).isEqualTo(2);
        assertThat(r.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2." + (i + 1));
      }
      assertThat(server.tcpQueries()).isEqualTo(20);
      assertThat(OwnSockets.tcpTo(server.port())).isZero();
    }
  }

  @Test
  void cancellingFreesTheSocketAndClosesTheTcpConnection() throws Exception {
    try (FakeDnsServer server = new FakeDnsServer("example.test").silent();
        ServerSocketChannel mute = mute();
        ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).build()) {
      int mutePort = mute.socket().getLocalPort();
      CompletableFuture<DnsResult> udp = client.dns("a.example.test").server("127.0.0.1", server.port())
          .timeout(Duration.ofSeconds(10)).runAsync();
      CompletableFuture<DnsResult> tcp = client.dns("b.example.test").server("127.0.0.1", mutePort).tcp()
          .timeout(Duration.ofSeconds(10)).runAsync();
      Await.until(Duration.ofSeconds(2), () -> OwnSockets.tcpTo(mutePort) == 1
          && OwnSockets.udpTo(server.port()) == 1);
      udp.cancel(true);
      tcp.cancel(true);
      Await.until(Duration.ofSeconds(2), () -> OwnSockets.tcpTo(mutePort) == 0);
      // the UDP socket has no query left and closes once idle
      Await.until(UdpMux.IDLE.plusSeconds(2), () -> OwnSockets.udpTo(server.port()) == 0);
      assertThat(server.received()).hasSizeLessThanOrEqualTo(2);
    }
  }

  @Test
  void closingTheClientWithQueriesInFlightEndsThemAndReleasesEverything() throws Exception {
    try (FakeDnsServer warmUp = new FakeDnsServer("example.test"); ProbeClient once = Probes.builder().build()) {
      // the JDK opens a socket of its own for good on first use; count from after that
      once.dns("www.example.test").server("127.0.0.1", warmUp.port()).tcp().run();
    }
    long threadsBefore = OwnSockets.engineThreads();
    int fdsBefore = OwnSockets.fds();
    try (FakeDnsServer server = new FakeDnsServer("example.test").silent(); ServerSocketChannel mute = mute()) {
      int mutePort = mute.socket().getLocalPort();
      // the backend ServiceLoader chooses, which the client closes with itself
      ProbeClient client = Probes.builder().build();
      List<CompletableFuture<DnsResult>> futures = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        futures.add(client.dns("q" + i + ".example.test").server("127.0.0.1", server.port())
            .timeout(Duration.ofSeconds(30)).runAsync());
      }
      futures.add(client.dns("t.example.test").server("127.0.0.1", mutePort).tcp()
          .timeout(Duration.ofSeconds(30)).runAsync());
      Await.until(Duration.ofSeconds(2), () -> OwnSockets.udpTo(server.port()) > 0
          && OwnSockets.tcpTo(mutePort) == 1);
      long start = System.nanoTime();
      client.close();
      for (CompletableFuture<DnsResult> f : futures) {
        assertThat(f.join().isSuccess()).isFalse();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(OwnSockets.udpTo(server.port())).isZero();
      assertThat(OwnSockets.tcpTo(mutePort)).isZero();
    }
    Await.until(Duration.ofSeconds(5), () -> OwnSockets.engineThreads() <= threadsBefore);
    Await.until(Duration.ofSeconds(3), () -> OwnSockets.fds() <= fdsBefore);
  }

  /** A TCP port whose kernel completes handshakes into the backlog and nobody ever answers. */
  private static ServerSocketChannel mute() throws IOException {
    return ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
  }

  @Test
  void theSynchronousMethodsUseTheBackendsOwnEngineAndCloseIt() throws Exception {
    long threadsBefore = OwnSockets.engineThreads();
    try (FakeDnsServer server = new FakeDnsServer("example.test")
        .record("www.example.test. 300 IN A 192.0.2.10")) {
      DnsjavaBackend backend = new DnsjavaBackend();
      DnsResult r = backend.query(io.netprobe.dns.DnsSpec.of("www.example.test", "www.example.test",
          io.netprobe.dns.RecordType.A, Duration.ofSeconds(2)).withServers(List.of(server.udpAddress())),
          io.netprobe.core.Deadline.after(Duration.ofSeconds(2)));
      assertThat(r.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.10");
      backend.close();
      assertThat(OwnSockets.udpTo(server.port())).isZero();
    }
    Await.until(Duration.ofSeconds(5), () -> OwnSockets.engineThreads() <= threadsBefore);
  }
}
