package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsSpec;
import io.netprobe.testing.LocalUnbound;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS over TLS keeps its connection (RFC 7858 §3.4): many concurrent queries pipelined on one connection to a real
 * unbound, counted by a TCP relay of the test's own between the client and unbound (each accepted connection is one
 * TLS handshake, relayed unchanged: the client still verifies unbound's certificate); a connection the server drops
 * is replaced, a query in flight on it is sent again; an idle connection is closed; deadlines hold.
 */
class DotReuseIT {
  private static LocalUnbound unbound;
  private static Relay relay;
  private static ProbeClient client;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(LocalUnbound.installed(), "unbound needed");
    unbound = LocalUnbound.start();
    relay = new Relay(unbound.tlsPort);
    client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (relay != null) {
      relay.close();
    }
    if (unbound != null) {
      unbound.close();
    }
  }

  private static DnsRequest tls(String name) {
    return client.dns(name).server("127.0.0.1", relay.port()).overTls().tlsCaFile(unbound.cert)
        .tlsServerName("dns.test");
  }

  @Test
  void twoHundredConcurrentQueriesShareOneConnectionAndTheNextBurstReusesIt() throws Exception {
    // start without a kept connection (another test may have left one)
    relay.closeAll();
    Thread.sleep(100);
    int before = relay.accepted.get();
    for (int burst = 0; burst < 2; burst++) {
      List<CompletableFuture<DnsResult>> running = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        running.add(i % 4 == 0 ? tls("www.example.test").runAsync() : i % 4 == 1
            ? tls("mail.example.test").type("MX").runAsync() : tls("n" + burst + "-" + i + ".example.test").runAsync());
      }
      for (int i = 0; i < running.size(); i++) {
        DnsResult r = running.get(i).join();
        assertThat(r.header()).as("query %d: %s", i, r).isPresent();
        if (i % 4 == 0) {
          assertThat(r.failure()).isEmpty();
          assertThat(r.answers().stream().map(DnsAnswer::data).sorted()).containsExactly("192.0.2.80", "192.0.2.81");
        } else if (i % 4 == 1) {
          assertThat(r.answers().stream().map(DnsAnswer::data)).containsExactly("10 mx.example.test.");
        } else {
          assertThat(r.rcode()).as("query %d: %s", i, r).contains("NXDOMAIN");
          assertThat(r.query().name()).startsWith("n" + burst + "-" + i + ".");
        }
        assertThat(r.tls().orElseThrow().leaf().orElseThrow().subject()).isEqualTo("CN=dns.test");
      }
      assertThat(relay.accepted.get() - before).as("TLS connections after burst %d", burst).isEqualTo(1);
    }
    // and the kernel agrees: this JVM holds one established connection to the relay
    assertThat(established(relay.port())).isEqualTo(1);
  }

  @Test
  void aQueryInFlightWhenTheServerDropsTheConnectionIsAnsweredOnANewOne() throws Exception {
    assertThat(tls("www.example.test").run().failure()).isEmpty();
    int before = relay.accepted.get();
    relay.dropOnNextQuery.set(true);
    DnsResult r = tls("mail.example.test").type("MX").run();
    assertThat(r.failure()).as(r.toString()).isEmpty();
    assertThat(r.answers().stream().map(DnsAnswer::data)).containsExactly("10 mx.example.test.");
    assertThat(relay.dropped.get()).isPositive();
    assertThat(relay.accepted.get() - before).isEqualTo(1);
    // the connection the server closed while idle is replaced too
    relay.closeAll();
    Thread.sleep(100);
    assertThat(tls("www.example.test").run().failure()).isEmpty();
    assertThat(relay.accepted.get() - before).isEqualTo(2);
  }

  @Test
  void anIdleConnectionIsClosedAndTheNextQueryOpensAnother() throws Exception {
    DnsSpec spec = tls("www.example.test").spec();
    TlsTrust trust = TlsTrust.of(spec.encryption().orElseThrow());
    ExecutorService blocking = Executors.newCachedThreadPool();
    try (DotConnections dot = new DotConnections(Duration.ofMillis(300))) {
      InetSocketAddress server = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), unbound.tlsPort);
      for (int round = 0; round < 2; round++) {
        List<CompletableFuture<Exchange>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          burst.add(dot.exchange(server, null, WireQuery.of(spec, QueryIds.next(), true), trust,
              Deadline.after(Duration.ofSeconds(3)), blocking));
        }
        for (CompletableFuture<Exchange> f : burst) {
          assertThat(f.join()).isInstanceOf(Exchange.Answered.class);
        }
        assertThat(dot.opened()).isEqualTo(round + 1);
        assertThat(dot.open()).isEqualTo(1);
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (dot.open() > 0 && System.nanoTime() < until) {
          Thread.sleep(20);
        }
        assertThat(dot.open()).as("closed after 300 ms idle").isZero();
      }
    } finally {
      blocking.shutdownNow();
    }
  }

  @Test
  void aServerThatNeverShakesHandsEndsEveryQueryAtItsDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      long start = System.nanoTime();
      List<CompletableFuture<DnsResult>> running = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        running.add(client.dns("q" + i + ".example.test").server("127.0.0.1", silent.getLocalPort()).overTls()
            .tlsCaFile(unbound.cert).timeout(Duration.ofMillis(300 + 20 * i)).runAsync());
      }
      for (int i = 0; i < running.size(); i++) {
        DnsResult r = running.get(i).join();
        assertThat(r.failureKind()).as(r.toString()).contains(FailureKind.TIMEOUT);
        assertThat(r.elapsed()).isLessThan(Duration.ofMillis(300 + 20 * i + 400));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 20 * 20 + 1000));
    }
  }

  /** Established TCP connections to 127.0.0.1:{@code port} whose owner is this JVM, as {@code ss} lists them. */
  private static int established(int port) throws Exception {
    Process p = new ProcessBuilder("ss", "-Htnp", "state", "established", "dst", "127.0.0.1:" + port)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    String pid = "pid=" + ProcessHandle.current().pid() + ",";
    return (int) out.lines().filter(l -> l.contains(pid)).count();
  }

  /** A TCP relay on loopback in front of unbound's DoT port that counts connections and can drop them. */
  static final class Relay implements AutoCloseable {
    final ServerSocket listener;
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger dropped = new AtomicInteger();
    final AtomicBoolean dropOnNextQuery = new AtomicBoolean();
    final List<Socket> open = new CopyOnWriteArrayList<>();
    final int target;

    Relay(int target) throws IOException {
      this.target = target;
      listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      Thread t = new Thread(this::accept, "dot-relay");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    private void accept() {
      while (!listener.isClosed()) {
        try {
          Socket client = listener.accept();
          accepted.incrementAndGet();
          Socket server = new Socket(InetAddress.getByName("127.0.0.1"), target);
          open.add(client);
          open.add(server);
          AtomicBoolean handshaken = new AtomicBoolean();
          pump(client, server, handshaken, true);
          pump(server, client, handshaken, false);
        } catch (IOException e) {
          return;
        }
      }
    }

    /**
     * Copies {@code from} to {@code to}. Client bytes that arrive after the server has spoken twice (its handshake
     * flight and a first answer or session ticket) are a query: with {@link #dropOnNextQuery} set, the relay
     * drops both sides instead of passing it on.
     */
    private void pump(Socket from, Socket to, AtomicBoolean serverSpoke, boolean clientToServer) {
      Thread t = new Thread(() -> {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          int n;
          while ((n = in.read(buffer)) >= 0) {
            if (clientToServer && serverSpoke.get() && dropOnNextQuery.compareAndSet(true, false)) {
              dropped.incrementAndGet();
              from.close();
              to.close();
              return;
            }
            if (!clientToServer) {
              serverSpoke.set(true);
            }
            out.write(buffer, 0, n);
            out.flush();
          }
        } catch (IOException closed) {
          // either side went away
        } finally {
          try {
            from.close();
            to.close();
          } catch (IOException ignored) {
            // closing
          }
        }
      }, "dot-relay-pump");
      t.setDaemon(true);
      t.start();
    }

    void closeAll() throws IOException {
      for (Socket s : open) {
        s.close();
      }
      open.clear();
    }

    @Override
    public void close() throws IOException {
      listener.close();
      closeAll();
    }
  }
}
