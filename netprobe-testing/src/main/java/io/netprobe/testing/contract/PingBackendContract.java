package io.netprobe.testing.contract;

import static io.netprobe.testing.contract.ContractAssertions.returnsByDeadline;
import static io.netprobe.testing.contract.ContractAssertions.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingStatistics;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.spi.PingBackend;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link PingBackend}. Extend it and name a host that answers every echo and one that never
 * answers, in your test's world (a namespace or loopback for a real backend, scripted hosts for a fake).
 */
public abstract class PingBackendContract {
  /** For subclasses. */
  protected PingBackendContract() {}


  /** The backend under test. */
  protected abstract PingBackend backend();

  /** A host that answers every echo request. */
  protected abstract String reachableHost();

  /** A host that never answers (and sends no ICMP error either). */
  protected abstract String silentHost();

  /**
   * Whether the backend really waits the interval between echoes, so that a deadline shorter than the pacing cuts
   * the ping short. True for real backends; fakes that answer at once return false.
   */
  protected boolean pacesEchoesInRealTime() {
    return true;
  }

  protected ProbeClient client() {
    return Probes.builder().backend(backend()).build();
  }

  @Test
  void pingsAReachableHost() {
    PingResult r = client().ping(reachableHost()).count(3).interval(Duration.ofMillis(10))
        .timeout(Duration.ofSeconds(3)).run();
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.address()).isPresent();
    assertThat(r.method()).isPresent();
    assertThat(r.transmitted()).isEqualTo(3);
    assertThat(r.received()).isEqualTo(3);
    assertThat(r.lossPercent()).isZero();
    assertThat(r.replies()).extracting(PingReply::sequence).containsExactly(1, 2, 3);
    assertThat(r.replies()).allSatisfy(reply -> {
      assertThat(reply.duplicate()).isFalse();
      assertThat(reply.rtt()).isGreaterThanOrEqualTo(Duration.ZERO);
      assertThat(reply.size()).isGreaterThanOrEqualTo(0);
    });
    PingStatistics s = r.statistics();
    assertThat(s.min()).isLessThanOrEqualTo(s.avg());
    assertThat(s.avg()).isLessThanOrEqualTo(s.max());
    assertThat(s.mdev()).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(r.orThrow()).isSameAs(r);
  }

  @Test
  void theListenerSeesEachReplyAsItArrives() {
    List<PingReply> heard = new CopyOnWriteArrayList<>();
    List<Long> heardAt = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    PingResult r = client().ping(reachableHost()).count(3).interval(Duration.ofMillis(200))
        .timeout(Duration.ofSeconds(3)).onReply(reply -> {
          heard.add(reply);
          heardAt.add(System.nanoTime());
        }).run();
    long end = System.nanoTime();
    assertThat(r.received()).isEqualTo(3);
    assertThat(heard).as("every reply, in the result's order").containsExactlyElementsOf(r.replies());
    if (pacesEchoesInRealTime()) {
      // echoes go 200 ms apart, so the first reply is heard at least ~400 ms before the ping ends
      assertThat(Duration.ofNanos(end - heardAt.get(0))).as("first reply heard long before the end")
          .isGreaterThan(Duration.ofMillis(250));
    }
  }

  @Test
  void aThrowingListenerDoesNotCostTheResult() {
    PingResult r = client().ping(reachableHost()).count(2).interval(Duration.ofMillis(10))
        .timeout(Duration.ofSeconds(3)).onReply(reply -> {
          throw new IllegalStateException("listener bug");
        }).run();
    assertThat(r.received()).isEqualTo(2);
  }

  @Test
  void theListenerHearsNothingFromASilentHost() {
    List<PingReply> heard = new CopyOnWriteArrayList<>();
    PingResult r = client().ping(silentHost()).count(2).interval(Duration.ofMillis(50))
        .replyTimeout(Duration.ofMillis(150)).timeout(Duration.ofMillis(400)).onReply(heard::add).run();
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(heard).isEmpty();
  }

  @Test
  void silentHostTimesOutByTheDeadline() {
    Duration timeout = Duration.ofMillis(400);
    PingResult r = returnsByDeadline(timeout, () -> client().ping(silentHost()).count(3)
        .interval(Duration.ofMillis(50)).replyTimeout(Duration.ofMillis(200)).timeout(timeout).run());
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.received()).isZero();
    assertThat(r.replies()).isEmpty();
    if (r.transmitted() > 0) {
      assertThat(r.lossPercent()).isEqualTo(100.0);
    }
  }

  @Test
  void theDeadlineCutsAPingThatWouldTakeLonger() {
    Duration timeout = Duration.ofMillis(300);
    PingResult r = returnsByDeadline(timeout, () -> client().ping(reachableHost()).count(1000)
        .interval(Duration.ofMillis(10)).timeout(timeout).run());
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.received()).isPositive();
    if (pacesEchoesInRealTime()) {
      assertThat(r.transmitted()).isLessThan(1000);
    }
  }

  @Test
  void runAsyncCompletesWithTheSameOutcomes() throws Exception {
    PingResult ok = client().ping(reachableHost()).count(1).runAsync().get(5, TimeUnit.SECONDS);
    PingResult silent = client().ping(silentHost()).count(1).replyTimeout(Duration.ofMillis(100))
        .timeout(Duration.ofMillis(300)).runAsync().get(5, TimeUnit.SECONDS);
    assertThat(ok.isSuccess()).isTrue();
    assertThat(silent.failureKind()).contains(FailureKind.TIMEOUT);
  }

  @Test
  void sweepGivesOneResultPerHostInOrder() {
    Duration timeout = Duration.ofSeconds(2);
    PingSweepResult r = returnsByDeadline(timeout, () -> client().pingAll(reachableHost(), silentHost())
        .count(2).interval(Duration.ofMillis(10)).replyTimeout(Duration.ofMillis(200)).timeout(timeout).run());
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.results()).hasSize(2);
    assertThat(r.results().get(0).received()).isEqualTo(2);
    assertThat(r.results().get(1).failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.alive()).containsExactly(r.results().get(0));
    assertThat(r.unreachable()).containsExactly(r.results().get(1));
    assertThat(r.result(reachableHost())).contains(r.results().get(0));
    assertThat(r.lossPercent()).isEqualTo(50.0);
  }

  @Test
  void badArgumentsAreRejectedBeforeAnythingIsSent() {
    ProbeClient c = client();
    assertThatIllegalArgumentException().isThrownBy(() -> c.ping("localhost").count(0)).withMessageContaining("count")
        .withMessageContaining("0");
    assertThatIllegalArgumentException().isThrownBy(() -> c.ping("localhost").count(-1)).withMessageContaining("-1");
    assertThatIllegalArgumentException().isThrownBy(() -> c.ping("localhost").payloadSize(65508))
        .withMessageContaining("65507");
    assertThatIllegalArgumentException().isThrownBy(() -> c.ping("localhost").ttl(0)).withMessageContaining("ttl");
    assertThatIllegalArgumentException().isThrownBy(() -> c.ping("localhost").ttl(256)).withMessageContaining("255");
    assertThatIllegalArgumentException().isThrownBy(() -> c.ping("localhost").interval(Duration.ofMillis(1)))
        .withMessageContaining("interval");
    assertThatIllegalArgumentException().isThrownBy(() -> c.ping("localhost").replyTimeout(Duration.ZERO))
        .withMessageContaining("replyTimeout");
    assertThatIllegalArgumentException().isThrownBy(() -> c.ping("localhost").allowTcpFallback(0))
        .withMessageContaining("port");
    assertThatNullPointerException().isThrownBy(() -> c.ping("localhost").onReply(null))
        .withMessageContaining("listener");
    assertThatIllegalArgumentException().isThrownBy(() -> c.ping("bad host")).withMessageContaining("bad host");
    assertThatIllegalArgumentException().isThrownBy(() -> c.pingAll(List.of()))
        .withMessageContaining("hosts");
    assertThatIllegalArgumentException().isThrownBy(() -> c.pingAll("localhost").count(0))
        .withMessageContaining("count");
    assertThatIllegalArgumentException().isThrownBy(() -> c.pingAll("localhost").spacing(Duration.ofMillis(-1)))
        .withMessageContaining("spacing");
  }
}
