package io.netprobe.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** mtr's statistics over scripted traceroute cycles. */
class MtrRequestTest {
  private static final InetAddress DEST = ip("192.0.2.9");

  private static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * A runner that answers each traceroute with the next scripted cycle and records the specs it got; an async-only
   * one refuses to run anything on a thread that waits ({@link #run}, {@link #executor}).
   */
  private static final class Script implements ProbeRunner {
    final Deque<TracerouteResult> cycles = new java.util.concurrent.ConcurrentLinkedDeque<>();
    final List<TracerouteSpec> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
    final boolean asyncOnly;

    Script() {
      this(false);
    }

    Script(boolean asyncOnly) {
      this.asyncOnly = asyncOnly;
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(5);
    }

    @Override
    public Executor executor() {
      if (asyncOnly) {
        throw new AssertionError("an async mtr asked for an executor to block on");
      }
      return Runnable::run;
    }

    @Override
    public <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline) {
      if (asyncOnly) {
        throw new AssertionError("an async mtr ran a traceroute on a thread that waits for it");
      }
      return answer(spec);
    }

    @Override
    public <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline) {
      return CompletableFuture.completedFuture(answer(spec));
    }

    @SuppressWarnings("unchecked")
    private <R extends ProbeResult> R answer(ProbeSpec<R> spec) {
      asked.add((TracerouteSpec) spec);
      return (R) cycles.removeFirst();
    }

    void cycle(boolean reached, Object... hops) {
      List<Hop> list = new ArrayList<>();
      for (int i = 0; i < hops.length; i++) {
        HopProbe p = hops[i] == null ? HopProbe.silent() : new HopProbe(Optional.of(ip(((String) hops[i])
            .split("@")[0])), Optional.of(Duration.ofMillis(Long.parseLong(((String) hops[i]).split("@")[1]))),
            i == hops.length - 1 && reached ? 3 : 11, i == hops.length - 1 && reached ? 3 : 0);
        list.add(Hop.of(i + 1, List.of(p), Optional.empty(), DEST));
      }
      TracerouteSpec spec = TracerouteRequest.create(this, Host.of(DEST)).spec();
      cycles.add(new TracerouteResult(spec, Optional.of(DEST), Optional.of(PingMethod.DATAGRAM_ICMP), list,
          reached, "script", Instant.EPOCH, Duration.ZERO, Optional.empty()));
    }
  }

  @Test
  void everyCycleGoesToTheAskedPortOrTheModesUsualOne() {
    Script s = new Script();
    for (int i = 0; i < 3; i++) {
      s.cycle(true, "192.0.2.9@5");
    }
    MtrRequest.create(s, Host.of(DEST)).cycles(1).mode(TraceMode.TCP).run();
    MtrRequest.create(s, Host.of(DEST)).cycles(1).mode(TraceMode.TCP).port(443).run();
    MtrRequest.create(s, Host.of(DEST)).cycles(1).run();
    assertThat(s.asked).extracting(TracerouteSpec::port).containsExactly(80, 443, TracerouteRequest.DEFAULT_PORT);
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> MtrRequest.create(s, Host.of(DEST)).port(0)).withMessageContaining("port");
  }

  /** The run, on the calling thread or asynchronously (no thread waiting for a cycle or between cycles). */
  private static MtrResult go(MtrRequest request, boolean async) {
    try {
      return async ? request.runAsync().get(5, java.util.concurrent.TimeUnit.SECONDS) : request.run();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "async {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void keepsMtrsStatisticsPerHop(boolean async) {
    Script s = new Script(async);
    s.cycle(false, "10.0.0.1@1", null, null, null, null);
    s.cycle(true, "10.0.0.1@3", "10.0.1.1@10", "192.0.2.9@20");
    s.cycle(true, "10.0.0.1@2", null, "192.0.2.9@22");
    s.cycle(true, "10.0.0.1@4", "10.0.1.2@12", "192.0.2.9@21");
    List<Integer> seen = new ArrayList<>();
    MtrResult r = go(MtrRequest.create(s, Host.of(DEST)).cycles(4).interval(Duration.ZERO)
        .onCycle(snapshot -> seen.add(snapshot.cycles())), async);
    assertThat(r.isSuccess()).isTrue();
    assertThat(r.cycles()).isEqualTo(4);
    assertThat(seen).containsExactly(1, 2, 3, 4);
    assertThat(s.asked).extracting(TracerouteSpec::maxHops).containsExactly(30, 30, 3, 3);
    assertThat(s.asked).allSatisfy(t -> {
      assertThat(t.probesPerHop()).isEqualTo(1);
      assertThat(t.strategy()).isEqualTo(TraceStrategy.PARIS);
      assertThat(t.sourcePort()).as("one flow for every cycle").isEqualTo(s.asked.get(0).sourcePort())
          .isBetween(61000, 65535);
    });
    assertThat(r.hops()).extracting(MtrHop::ttl).as("hops past the destination are dropped").containsExactly(1, 2,
        3);
    MtrHop first = r.hops().get(0);
    assertThat(first.sent()).isEqualTo(4);
    assertThat(first.received()).isEqualTo(4);
    assertThat(first.lossPercent()).isZero();
    assertThat(first.last()).contains(Duration.ofMillis(4));
    assertThat(first.best()).contains(Duration.ofMillis(1));
    assertThat(first.worst()).contains(Duration.ofMillis(4));
    assertThat(first.average()).contains(Duration.ofNanos(2_500_000));
    // sample standard deviation of 1, 3, 2, 4 ms: sqrt(5/3) ms
    assertThat(first.stdev().orElseThrow().toNanos()).isEqualTo(Math.round(Math.sqrt(5.0 / 3) * 1_000_000));
    assertThat(first.jitter()).contains(Duration.ofMillis(2));
    assertThat(first.jitterWorst()).contains(Duration.ofMillis(2));
    assertThat(first.jitterAverage().orElseThrow().toNanos()).isEqualTo(Math.round(5.0 / 3 * 1_000_000));
    MtrHop second = r.hops().get(1);
    assertThat(second.sent()).isEqualTo(4);
    assertThat(second.received()).isEqualTo(2);
    assertThat(second.lossPercent()).isEqualTo(50.0);
    assertThat(second.addresses()).containsExactly(ip("10.0.1.1"), ip("10.0.1.2"));
    MtrHop last = r.hops().get(2);
    assertThat(last.sent()).as("the first cycle's probe at TTL 3 went unanswered").isEqualTo(4);
    assertThat(last.received()).isEqualTo(3);
    assertThat(last.stdev()).isPresent();
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "async {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aFirstCycleWithoutAnyTraceIsTheFailure(boolean async) {
    Script s = new Script(async);
    TracerouteSpec spec = TracerouteRequest.create(s, Host.of("nowhere.test")).spec();
    s.cycles.add(spec.failed(ProbeFailure.of(FailureKind.NAME_NOT_FOUND, "nowhere.test"), Instant.EPOCH,
        Duration.ZERO));
    MtrResult r = go(MtrRequest.create(s, Host.of("nowhere.test")).cycles(3).interval(Duration.ZERO), async);
    assertThat(r.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(r.cycles()).isZero();
    assertThat(r.hops()).isEmpty();
  }

  @Test
  void anAsyncRunWaitsTheIntervalOnATimerAndEndsWhenTheNextCycleWouldMissTheDeadline() throws Exception {
    Script s = new Script(true);
    for (int i = 0; i < 5; i++) {
      s.cycle(true, "192.0.2.9@5");
    }
    long t0 = System.nanoTime();
    MtrResult r = MtrRequest.create(s, Host.of(DEST)).cycles(5).interval(Duration.ofMillis(150))
        .timeout(Duration.ofMillis(400)).runAsync().get(5, java.util.concurrent.TimeUnit.SECONDS);
    long tookMillis = (System.nanoTime() - t0) / 1_000_000;
    // cycles start at 0, 150 and 300 ms; the one at 450 ms would start after the deadline
    assertThat(r.cycles()).isEqualTo(3);
    assertThat(s.asked).hasSize(3);
    assertThat(tookMillis).isBetween(300L, 1_000L);
  }

  @Test
  void cancellingAnAsyncRunCancelsItsCycleAndStartsNoOther() throws Exception {
    List<CompletableFuture<TracerouteResult>> traces = new java.util.concurrent.CopyOnWriteArrayList<>();
    ProbeRunner hanging = new ProbeRunner() {
      @Override
      public Duration timeout() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Executor executor() {
        throw new AssertionError("an async mtr asked for an executor to block on");
      }

      @Override
      public <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline) {
        throw new AssertionError("an async mtr ran a traceroute on a thread that waits for it");
      }

      @Override
      @SuppressWarnings("unchecked")
      public <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline) {
        CompletableFuture<TracerouteResult> trace = new CompletableFuture<>();
        traces.add(trace);
        return (CompletableFuture<R>) trace;
      }
    };
    CompletableFuture<MtrResult> run = MtrRequest.create(hanging, Host.of(DEST)).cycles(5)
        .interval(Duration.ZERO).runAsync();
    assertThat(traces).hasSize(1);

    assertThat(run.cancel(true)).isTrue();

    assertThat(traces.get(0)).isCancelled();
    Thread.sleep(50);
    assertThat(traces).as("no cycle after the cancelled one").hasSize(1);
  }

  @Test
  void theDefaultDeadlineCoversTheCycles() {
    MtrRequest r = MtrRequest.create(new Script(), Host.of(DEST)).cycles(5).interval(Duration.ofSeconds(2));
    assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(8 + 3 + 5));
    assertThat(r.timeout(Duration.ofSeconds(3)).cycles(100).timeout()).isEqualTo(Duration.ofSeconds(3));
  }
}
