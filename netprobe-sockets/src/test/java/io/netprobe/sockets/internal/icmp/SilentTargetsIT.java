package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.PingSweepSpec;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TracerouteListener;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Silent targets in a namespace this test makes (lo with 10.199.0.1, whose echo requests nft drops): their deadlines
 * and reply timeouts hold while answering pings share the socket, and nothing waits for them on a thread.
 */
class SilentTargetsIT {
  private static final String SILENT = "10.199.0.1";
  private static String ns;

  @BeforeAll
  static void namespace() {
    String why = Lab.whyNot();
    Assumptions.assumeTrue(why == null, why);
    ns = "npsil" + Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff), 36);
    Lab.sh("ip", "netns", "add", ns);
    Lab.sh("ip", "-n", ns, "link", "set", "lo", "up");
    Lab.sh("ip", "-n", ns, "addr", "add", SILENT + "/32", "dev", "lo");
    Lab.sh("ip", "netns", "exec", ns, "nft", "add table inet np; add chain inet np in { type filter hook input "
        + "priority 0; }; add rule inet np in ip daddr " + SILENT + " icmp type echo-request drop; add rule inet np "
        + "in ip daddr " + SILENT + " udp dport 33434-33534 drop");
  }

  @AfterAll
  static void removeNamespace() {
    if (ns != null) {
      Lab.sh("ip", "netns", "del", ns);
    }
  }

  private static PingSpec spec(String host, int count, Duration replyTimeout) {
    return new PingSpec(Host.of(host), count, Duration.ofMillis(100), replyTimeout, PingSpec.DEFAULT_PAYLOAD_SIZE,
        OptionalInt.empty(), OptionalInt.empty(), Duration.ofSeconds(5));
  }

  @Test
  void silentTargetsKeepTheirTimeoutsAndDeadlinesWhileOthersAreAnsweredOnTheSameSocket() {
    Netns.inside(ns, () -> {
      OwnSockets.quiesce();
      int fdsBefore = OwnSockets.fds();
      long threadsBefore = OwnSockets.reactorThreads();
      try (LinuxPingBackend backend = new LinuxPingBackend()) {
        // warm (class loading of the result path), so the timings below are the reactor's
        backend.ping(spec("127.0.0.1", 1, Duration.ofMillis(300)), Deadline.after(Duration.ofSeconds(3)));
        backend.ping(spec(SILENT, 1, Duration.ofMillis(10)), Deadline.after(Duration.ofSeconds(3)));
        long start = System.nanoTime();
        List<CompletableFuture<PingResult>> silent = new ArrayList<>();
        List<CompletableFuture<PingResult>> shortDeadline = new ArrayList<>();
        List<CompletableFuture<PingResult>> answered = new ArrayList<>();
        List<Long> answeredAt = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 50; i++) {
          silent.add(backend.pingAsync(spec(SILENT, 2, Duration.ofMillis(300)), Deadline.after(Duration.ofSeconds(3)),
              Runnable::run));
          shortDeadline.add(backend.pingAsync(spec(SILENT, 5, Duration.ofSeconds(1)),
              Deadline.after(Duration.ofMillis(250)), Runnable::run));
          CompletableFuture<PingResult> a = backend.pingAsync(spec("127.0.0.1", 2, Duration.ofMillis(300)),
              Deadline.after(Duration.ofSeconds(3)), Runnable::run);
          a.thenRun(() -> answeredAt.add(System.nanoTime() - start));
          answered.add(a);
        }
        CompletableFuture.allOf(answered.toArray(CompletableFuture[]::new)).join();
        assertThat(answered).allSatisfy(f -> assertThat(f.join().received()).isEqualTo(2));
        assertThat(answeredAt).allSatisfy(t -> assertThat(Duration.ofNanos(t))
            .as("answered pings end with their last reply, not with the silent ones (>= 400 ms)")
            .isLessThan(Duration.ofMillis(350)));

        for (CompletableFuture<PingResult> f : shortDeadline) {
          PingResult r = f.join();
          assertThat(r.received()).isZero();
          assertThat(r.elapsed()).as("deadline 250 ms").isBetween(Duration.ofMillis(240), Duration.ofMillis(450));
        }
        for (CompletableFuture<PingResult> f : silent) {
          PingResult r = f.join();
          assertThat(r.transmitted()).isEqualTo(2);
          assertThat(r.received()).isZero();
          // echo 2 leaves at 100 ms and is given up 300 ms later, long before the 3 s deadline
          assertThat(r.elapsed()).isBetween(Duration.ofMillis(390), Duration.ofMillis(700));
        }
        assertThat(backend.runningReactors()).isEqualTo(1);
      }
      assertThat(OwnSockets.reactorThreads()).isLessThanOrEqualTo(threadsBefore);
      assertThat(OwnSockets.fds()).isLessThanOrEqualTo(fdsBefore);
      return null;
    });
  }

  /**
   * Pings that come in the order of their deadlines are ended at their deadlines by the reactor's list of sessions (no
   * timer each); one with an earlier deadline than the last one's keeps a timer of its own. Each ends at its own.
   */
  @Test
  void pingsEndAtTheirDeadlinesWhetherTheyCameInDeadlineOrderOrNot() {
    Netns.inside(ns, () -> {
      try (LinuxPingBackend backend = new LinuxPingBackend()) {
        backend.ping(spec(SILENT, 1, Duration.ofMillis(10)), Deadline.after(Duration.ofSeconds(3)));
        List<CompletableFuture<PingResult>> inOrder = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          inOrder.add(backend.pingAsync(spec(SILENT, 1, Duration.ofSeconds(5)), Deadline.after(Duration.ofMillis(400)),
              Runnable::run));
        }
        CompletableFuture<PingResult> earlier = backend.pingAsync(spec(SILENT, 1, Duration.ofSeconds(5)),
            Deadline.after(Duration.ofMillis(150)), Runnable::run);
        CompletableFuture<PingResult> later = backend.pingAsync(spec(SILENT, 1, Duration.ofSeconds(5)),
            Deadline.after(Duration.ofMillis(600)), Runnable::run);
        assertThat(earlier.join().elapsed()).as("deadline 150 ms").isBetween(Duration.ofMillis(140),
            Duration.ofMillis(350));
        for (CompletableFuture<PingResult> f : inOrder) {
          PingResult r = f.join();
          assertThat(r.transmitted()).isEqualTo(1);
          assertThat(r.received()).isZero();
          assertThat(r.elapsed()).as("deadline 400 ms").isBetween(Duration.ofMillis(390), Duration.ofMillis(650));
        }
        assertThat(later.join().elapsed()).as("deadline 600 ms").isBetween(Duration.ofMillis(590),
            Duration.ofMillis(850));
        assertThat(backend.activeProbes()).isZero();
      }
      return null;
    });
  }

  @Test
  void aSweepWithoutPermissionIsDeniedOnceNotPerHost() {
    List<Host> hosts = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      hosts.add(Host.of("127.2." + (i / 250) + "." + (i % 250 + 1)));
    }
    PingSweepSpec spec = new PingSweepSpec(hosts, 1, Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1), 56,
        OptionalInt.empty(), Duration.ofSeconds(10));
    // uid 65534 without CAP_NET_RAW, and this namespace's ping_group_range is the kernel default "1 0"
    long start = System.nanoTime();
    PingSweepResult r = Netns.insideAs(ns, 65534, () -> {
      try (LinuxPingBackend backend = new LinuxPingBackend()) {
        return backend.sweep(spec, Deadline.after(spec.timeout()));
      }
    });
    assertThat(r.failure()).map(ProbeFailure::kind).contains(FailureKind.PERMISSION_DENIED);
    assertThat(r.results()).hasSize(5_000).allSatisfy(p -> assertThat(p.transmitted()).isZero());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void tracesInFlightShareOneThreadAndCloseCancelsThem() {
    Netns.inside(ns, () -> {
      OwnSockets.quiesce();
      int fdsBefore = OwnSockets.fds();
      long threadsBefore = OwnSockets.reactorThreads();
      LinuxTracerouteBackend backend = new LinuxTracerouteBackend();
      List<CompletableFuture<TracerouteResult>> traces = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        TracerouteSpec spec = new TracerouteSpec(Host.of(SILENT), TraceMode.UDP, 1, 3, 3, Duration.ofSeconds(2),
            33434, false, TracerouteListener.NONE, Duration.ofSeconds(10));
        traces.add(backend.traceAsync(spec, Deadline.after(Duration.ofSeconds(10)), Runnable::run));
      }
      Thread.sleep(200);
      assertThat(backend.runningReactors()).as("one thread for ten traces").isEqualTo(1);
      assertThat(traces).noneMatch(CompletableFuture::isDone);

      backend.close();

      for (CompletableFuture<TracerouteResult> f : traces) {
        assertThat(f).isDone();
        assertThat(f.join().failure()).map(ProbeFailure::kind).contains(FailureKind.CANCELLED);
      }
      assertThat(OwnSockets.reactorThreads()).isLessThanOrEqualTo(threadsBefore);
      assertThat(OwnSockets.fds()).isLessThanOrEqualTo(fdsBefore);
      return null;
    });
  }
}
