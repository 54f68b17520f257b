package io.netprobe.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.spi.ProbeEngine;
import io.netprobe.spi.TcpConnectBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bound on probes in flight, deadlines from the timer, cancellation and close, against a backend that never answers. */
class InFlightTest {
  /** A backend whose futures never complete unless cancelled; it records the cancellations. */
  static class Hanging implements TcpConnectBackend {
    final List<CompletableFuture<TcpConnectResult>> started = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return "hanging";
    }

    @Override
    public TcpConnectResult connect(TcpConnectSpec query, Deadline deadline) {
      throw new UnsupportedOperationException("only the engine path is used here");
    }

    @Override
    public CompletableFuture<TcpConnectResult> connectAsync(TcpConnectSpec query, Deadline deadline,
        ProbeEngine engine) {
      CompletableFuture<TcpConnectResult> f = new CompletableFuture<>();
      started.add(f);
      return f;
    }
  }

  /**
   * A backend that finished within the call (a loopback connect, a refused port) completes the caller's future before
   * runAsync returns, on the caller's thread: no hand-over to a completion thread, no grace timer. One that did not
   * still completes on the engine's completion executor.
   */
  @Test
  void aBackendThatFinishedWithinTheCallCompletesTheProbeBeforeRunAsyncReturns() throws Exception {
    TcpConnectBackend immediate = new Hanging() {
      @Override
      public CompletableFuture<TcpConnectResult> connectAsync(TcpConnectSpec query, Deadline deadline,
          ProbeEngine engine) {
        return CompletableFuture.completedFuture(TcpConnectResult.failed(query, List.of(), java.util.Optional.empty(),
            Duration.ZERO, io.netprobe.core.ProbeFailure.of(FailureKind.CONNECTION_REFUSED, "refused"), "immediate",
            java.time.Instant.now(), Duration.ZERO));
      }
    };
    try (ProbeClient client = Probes.builder().backend(immediate).build()) {
      CompletableFuture<TcpConnectResult> f = client.tcp("192.0.2.1", 80).runAsync();
      assertThat(f).isDone();
      assertThat(f.join().failureKind()).contains(FailureKind.CONNECTION_REFUSED);
      String thread = f.thenApply(r -> Thread.currentThread().getName()).join();
      assertThat(thread).isEqualTo(Thread.currentThread().getName());
    }
    Hanging later = new Hanging();
    try (ProbeClient client = Probes.builder().backend(later).build()) {
      CompletableFuture<TcpConnectResult> f = client.tcp("192.0.2.1", 80).runAsync();
      assertThat(f).isNotDone();
      CompletableFuture<String> where = f.thenApply(r -> Thread.currentThread().getName());
      later.started.get(0).complete(TcpConnectResult.failed(new TcpConnectSpec(io.netprobe.core.Host.of("192.0.2.1"),
          80, Duration.ofSeconds(1)), List.of(), java.util.Optional.empty(), Duration.ZERO,
          io.netprobe.core.ProbeFailure.of(FailureKind.CONNECTION_REFUSED, "refused"), "hanging",
          java.time.Instant.now(), Duration.ZERO));
      assertThat(where.get(2, TimeUnit.SECONDS)).startsWith("netprobe-callback-");
    }
  }

  @Test
  void aBackendThatNeverAnswersStillEndsByTheDeadlinePlusGraceAndIsCancelled() throws Exception {
    Hanging backend = new Hanging();
    try (ProbeClient client = Probes.builder().backend(backend).build()) {
      long t0 = System.nanoTime();
      TcpConnectResult r = client.tcp("192.0.2.1", 80).timeout(Duration.ofMillis(200)).run();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
      assertThat(tookMillis).isBetween(290L, 600L);
      assertThat(backend.started).hasSize(1);
      assertThat(backend.started.get(0).isCancelled()).as("the backend's future is cancelled").isTrue();
    }
  }

  @Test
  void continuationsNeverRunOnTheTimerThread() throws Exception {
    try (ProbeClient client = Probes.builder().backend(new Hanging()).build()) {
      String thread = client.tcp("192.0.2.1", 80).timeout(Duration.ofMillis(50)).runAsync()
          .thenApply(r -> Thread.currentThread().getName()).get(2, TimeUnit.SECONDS);
      assertThat(thread).startsWith("netprobe-callback-");
    }
  }

  @Test
  void probesPastTheBoundWaitWithoutStartingAndTimeOutAtTheirDeadlineSayingSo() throws Exception {
    Hanging backend = new Hanging();
    try (ProbeClient client = Probes.builder().backend(backend).maxInFlight(3).build()) {
      List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(client.tcp("192.0.2.1", 80).timeout(Duration.ofMillis(300)).runAsync());
      }
      assertThat(backend.started).hasSize(3);
      long t0 = System.nanoTime();
      List<TcpConnectResult> results = futures.stream().map(CompletableFuture::join).toList();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(700);
      assertThat(results.subList(3, 10)).allSatisfy(r -> {
        assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
        assertThat(r.failure().orElseThrow().message()).contains("never started").contains("maxInFlight");
      });
      assertThat(backend.started).as("the waiting ones never reached the backend").hasSize(3);
    }
  }

  @Test
  void closingTheClientCompletesEveryProbeWithCancelledAndCancelsTheBackend() throws Exception {
    Hanging backend = new Hanging();
    ProbeClient client = Probes.builder().backend(backend).maxInFlight(2).build();
    List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      futures.add(client.tcp("192.0.2.1", 80).timeout(Duration.ofSeconds(30)).runAsync());
    }
    client.close();
    for (CompletableFuture<TcpConnectResult> f : futures) {
      assertThat(f.get(1, TimeUnit.SECONDS).failureKind()).contains(FailureKind.CANCELLED);
    }
    assertThat(backend.started).hasSize(2).allSatisfy(f -> assertThat(f.isCancelled()).isTrue());
  }

  @Test
  void cancellingTheCallersFutureCancelsTheBackendsAndFreesTheSlot() throws Exception {
    Hanging backend = new Hanging();
    try (ProbeClient client = Probes.builder().backend(backend).maxInFlight(1).build()) {
      CompletableFuture<TcpConnectResult> first = client.tcp("192.0.2.1", 80).timeout(Duration.ofSeconds(30))
          .runAsync();
      CompletableFuture<TcpConnectResult> second = client.tcp("192.0.2.1", 81).timeout(Duration.ofSeconds(30))
          .runAsync();
      assertThat(backend.started).hasSize(1);
      first.cancel(true);
      assertThat(backend.started.get(0).isCancelled()).isTrue();
      assertThat(backend.started).as("the second starts in the freed slot").hasSize(2);
      second.cancel(true);
    }
  }

  /** The caller's future is the probe itself: however the caller completes it, the probe ends as when cancelled. */
  @Test
  void completingTheCallersFutureByHandEndsTheProbeLikeCancellingIt() throws Exception {
    Hanging backend = new Hanging();
    try (ProbeClient client = Probes.builder().backend(backend).maxInFlight(1).build()) {
      CompletableFuture<TcpConnectResult> first = client.tcp("192.0.2.1", 80).timeout(Duration.ofSeconds(30))
          .runAsync();
      CompletableFuture<TcpConnectResult> second = client.tcp("192.0.2.1", 81).timeout(Duration.ofSeconds(30))
          .runAsync();
      CompletableFuture<TcpConnectResult> third = client.tcp("192.0.2.1", 82).timeout(Duration.ofSeconds(30))
          .runAsync();
      first.completeExceptionally(new IllegalStateException("the caller gave up"));
      assertThat(backend.started.get(0).isCancelled()).isTrue();
      assertThat(backend.started).as("the second starts in the freed slot").hasSize(2);
      second.obtrudeValue(null);
      assertThat(backend.started.get(1).isCancelled()).isTrue();
      assertThat(backend.started).as("the third starts in the freed slot").hasSize(3);
      third.completeAsync(() -> null).get(5, TimeUnit.SECONDS);
      assertThat(backend.started.get(2).isCancelled()).isTrue();
    }
  }

  /**
   * Probes started at once share one grace timer while their graces end in the order they were started; one whose
   * grace ends earlier than the last one's (a shorter timeout) has a timer of its own. Each ends at its own deadline
   * plus the grace either way, and one its backend answered meanwhile is not timed out.
   */
  @Test
  void probesWithMixedTimeoutsEachEndAtTheirOwnDeadlinePlusGrace() throws Exception {
    Hanging backend = new Hanging();
    try (ProbeClient client = Probes.builder().backend(backend).build()) {
      long[] timeouts = {600, 200, 400, 200, 700, 300};
      long t0 = System.nanoTime();
      List<CompletableFuture<Long>> ends = new ArrayList<>();
      for (long t : timeouts) {
        ends.add(client.tcp("192.0.2.1", 80).timeout(Duration.ofMillis(t)).runAsync()
            .thenApply(r -> {
              assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
              return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }));
      }
      CompletableFuture<TcpConnectResult> answered = client.tcp("192.0.2.1", 81).timeout(Duration.ofMillis(300))
          .runAsync();
      TcpConnectResult answer = TcpConnectResult.failed(new TcpConnectSpec(io.netprobe.core.Host.of("192.0.2.1"), 81,
          Duration.ofSeconds(1)), List.of(), java.util.Optional.empty(), Duration.ZERO,
          io.netprobe.core.ProbeFailure.of(FailureKind.CONNECTION_REFUSED, "refused"), "hanging",
          java.time.Instant.now(), Duration.ZERO);
      backend.started.get(timeouts.length).complete(answer);
      long grace = io.netprobe.internal.dispatch.ProbeExecution.ASYNC_GRACE.toMillis();
      for (int i = 0; i < timeouts.length; i++) {
        assertThat(ends.get(i).get(5, TimeUnit.SECONDS)).as("probe %d (%d ms)", i, timeouts[i])
            .isBetween(timeouts[i] + grace - 5, timeouts[i] + grace + 150);
      }
      assertThat(answered.get(1, TimeUnit.SECONDS).failureKind()).contains(FailureKind.CONNECTION_REFUSED);
      assertThat(backend.started).allSatisfy(f -> assertThat(f).isDone());
    }
  }
}
