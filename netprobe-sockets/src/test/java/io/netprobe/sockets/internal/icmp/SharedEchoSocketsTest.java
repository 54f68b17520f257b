package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pings from many callers over the backend's shared sockets, on loopback. */
class SharedEchoSocketsTest {

  @BeforeAll
  static void warmUp() {
    // load JNA and libc once, so that the fd and thread baselines below do not count them
    try (LinuxPingBackend b = new LinuxPingBackend()) {
      assertThat(b.ping(spec("127.0.0.1", 1, Duration.ofMillis(10)), Deadline.after(Duration.ofSeconds(2)))
          .received()).isEqualTo(1);
    }
  }

  static PingSpec spec(String host, int count, Duration interval) {
    return new PingSpec(Host.of(host), count, interval, Duration.ofSeconds(1), PingSpec.DEFAULT_PAYLOAD_SIZE,
        OptionalInt.empty(), OptionalInt.empty(), Duration.ofSeconds(5));
  }

  @Test
  void manyCallersShareOneSocketAndEachGetsOnlyItsOwnReplies() throws Exception {
    OwnSockets.quiesce();
    int fdsBefore = OwnSockets.fds();
    long threadsBefore = OwnSockets.reactorThreads();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<String> targets = new ArrayList<>();
    List<CompletableFuture<PingResult>> results = new ArrayList<>();
    int icmpSocketsInFlight;
    try (LinuxPingBackend backend = new LinuxPingBackend()) {
      List<java.util.concurrent.Future<CompletableFuture<PingResult>>> submitted = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        // half to one address (same host, many callers), half to 200 distinct ones
        String target = i % 2 == 0 ? "127.0.0.1" : "127.0.1." + (1 + i / 2);
        targets.add(target);
        submitted.add(callers.submit(() -> backend.pingAsync(spec(target, 3, Duration.ofMillis(50)),
            Deadline.after(Duration.ofSeconds(5)), callers)));
      }
      for (var f : submitted) {
        results.add(f.get());
      }
      Thread.sleep(40);
      icmpSocketsInFlight = OwnSockets.icmpSockets();
      assertThat(backend.runningReactors()).isEqualTo(1);
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      // each echo's transmit timestamp lets go of it: finished pings are not kept alive by the shared socket
      OwnSockets.within(Duration.ofSeconds(2), () -> backend.heldEchoes() == 0);
    } finally {
      callers.shutdown();
    }

    assertThat(icmpSocketsInFlight).as("one ICMP socket serves 400 concurrent pings").isEqualTo(1);
    for (int i = 0; i < results.size(); i++) {
      PingResult r = results.get(i).join();
      InetAddress target = InetAddress.getByName(targets.get(i));
      assertThat(r.failure()).as("ping %d to %s", i, target).isEmpty();
      assertThat(r.transmitted()).isEqualTo(3);
      assertThat(r.received()).as("ping %d to %s: every reply reached its caller", i, target).isEqualTo(3);
      assertThat(r.duplicates()).isZero();
      assertThat(r.replies()).extracting(PingReply::sequence).containsExactly(1, 2, 3);
      assertThat(r.replies()).extracting(PingReply::source).containsOnly(target);
    }
    assertThat(OwnSockets.reactorThreads()).isLessThanOrEqualTo(threadsBefore);
    assertThat(OwnSockets.fds()).as("sockets and eventfd closed").isLessThanOrEqualTo(fdsBefore);
  }

  @Test
  void aSustainedStreamOfPingsNeverWaitsForThePollTimeout() throws Exception {
    // 32 callers each starting the next ping when one ends, as the exporter does under load: a wake-up the reactor
    // lost left every caller waiting for poll's 2 s idle timeout
    int total = 20_000;
    java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicLong slowest = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
    PingSpec small = new PingSpec(Host.of("127.0.0.1"), 1, Duration.ofMillis(10), Duration.ofSeconds(4), 28,
        OptionalInt.of(64), OptionalInt.empty(), Duration.ofSeconds(5));
    // the next ping starts on another thread, as the client's completion pool starts it: a wake-up from outside
    ExecutorService completions = Executors.newFixedThreadPool(2);
    try (LinuxPingBackend backend = new LinuxPingBackend()) {
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        if (started.getAndIncrement() >= total) {
          return;
        }
        long t0 = System.nanoTime();
        backend.pingAsync(small, Deadline.after(Duration.ofSeconds(5)), Runnable::run).whenCompleteAsync((r, e) -> {
          slowest.accumulateAndGet(System.nanoTime() - t0, Math::max);
          done.countDown();
          next[0].run();
        }, completions);
      };
      for (int i = 0; i < 32; i++) {
        next[0].run();
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      completions.shutdown();
    }
    assertThat(Duration.ofNanos(slowest.get())).as("the slowest of %d pings", total)
        .isLessThan(Duration.ofMillis(1500));
  }

  @Test
  void cancellingAPingFreesItsSlotAndStopsItsEchoes() throws Exception {
    try (LinuxPingBackend backend = new LinuxPingBackend()) {
      List<PingReply> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
      CompletableFuture<PingResult> f = backend.pingAsync(spec("127.0.0.1", 5, Duration.ofMillis(300))
          .withListener(heard::add), Deadline.after(Duration.ofSeconds(5)), Runnable::run);
      OwnSockets.within(Duration.ofSeconds(2), () -> heard.size() == 1);
      assertThat(backend.activeProbes()).isEqualTo(1);

      assertThat(f.cancel(true)).isTrue();

      OwnSockets.within(Duration.ofMillis(500), () -> backend.activeProbes() == 0);
      Thread.sleep(400);
      assertThat(heard).as("no echo after the cancel").hasSize(1);
      assertThat(f).isCancelled();
      PingResult next = backend.ping(spec("127.0.0.1", 1, Duration.ofMillis(10)),
          Deadline.after(Duration.ofSeconds(2)));
      assertThat(next.received()).isEqualTo(1);
    }
  }

  @Test
  void closingWithPingsInFlightCompletesThemAsCancelledAndReleasesEverything() throws Exception {
    OwnSockets.quiesce();
    int fdsBefore = OwnSockets.fds();
    long threadsBefore = OwnSockets.reactorThreads();
    LinuxPingBackend backend = new LinuxPingBackend();
    List<CompletableFuture<PingResult>> inFlight = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      inFlight.add(backend.pingAsync(spec("127.0.2." + (i + 1), 5, Duration.ofSeconds(1)),
          Deadline.after(Duration.ofSeconds(10)), Runnable::run));
    }
    OwnSockets.within(Duration.ofSeconds(2), () -> OwnSockets.icmpSockets() == 1);
    long start = System.nanoTime();

    backend.close();

    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(1, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    for (CompletableFuture<PingResult> f : inFlight) {
      assertThat(f.join().failure()).map(ProbeFailure::kind).contains(FailureKind.CANCELLED);
    }
    assertThat(OwnSockets.reactorThreads()).isLessThanOrEqualTo(threadsBefore);
    assertThat(OwnSockets.icmpSockets()).isZero();
    assertThat(OwnSockets.fds()).as("%s", OwnSockets.fdTargets()).isLessThanOrEqualTo(fdsBefore);
    PingResult afterClose = backend.ping(spec("127.0.0.1", 1, Duration.ofMillis(10)),
        Deadline.after(Duration.ofSeconds(1)));
    assertThat(afterClose.failure()).map(ProbeFailure::kind).contains(FailureKind.CANCELLED);
  }

  @Test
  void anIdleReactorStopsAndClosesItsSocketsAndTheNextPingStartsAnother() {
    OwnSockets.quiesce();
    int fdsBefore = OwnSockets.fds();
    long threadsBefore = OwnSockets.reactorThreads();
    try (LinuxPingBackend backend = new LinuxPingBackend()) {
      assertThat(backend.ping(spec("127.0.0.1", 1, Duration.ofMillis(10)), Deadline.after(Duration.ofSeconds(2)))
          .received()).isEqualTo(1);
      assertThat(backend.runningReactors()).isEqualTo(1);

      OwnSockets.within(Duration.ofNanos(EchoReactor.IDLE_NANOS).plusSeconds(2),
          () -> backend.runningReactors() == 0 && OwnSockets.reactorThreads() <= threadsBefore);
      OwnSockets.within(Duration.ofSeconds(1), () -> OwnSockets.fds() <= fdsBefore);

      assertThat(backend.ping(spec("127.0.0.1", 1, Duration.ofMillis(10)), Deadline.after(Duration.ofSeconds(2)))
          .received()).isEqualTo(1);
    }
  }

  @Test
  void cancellationDoesNotSurfaceAsAnExceptionToOthers() {
    try (LinuxPingBackend backend = new LinuxPingBackend()) {
      CompletableFuture<PingResult> cancelled = backend.pingAsync(spec("127.0.0.1", 3, Duration.ofMillis(200)),
          Deadline.after(Duration.ofSeconds(5)), Runnable::run);
      CompletableFuture<PingResult> kept = backend.pingAsync(spec("127.0.0.1", 3, Duration.ofMillis(200)),
          Deadline.after(Duration.ofSeconds(5)), Runnable::run);
      cancelled.cancel(true);
      assertThat(kept.join().received()).isEqualTo(3);
      org.assertj.core.api.Assertions.assertThatThrownBy(cancelled::join).isInstanceOf(CancellationException.class);
    }
  }
}
