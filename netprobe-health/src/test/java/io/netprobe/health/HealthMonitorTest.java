package io.netprobe.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {
  private final FakeTcpConnectBackend tcp = new FakeTcpConnectBackend();
  private final FakeHttpBackend http = new FakeHttpBackend();
  private final ProbeClient probes = Probes.builder().timeout(Duration.ofSeconds(2)).backend(tcp).backend(http)
      .build();
  private HealthMonitor monitor;

  @AfterEach
  void close() {
    if (monitor != null) {
      monitor.close();
    }
  }

  @Test
  void checksRunInTheBackgroundOnTheirInterval() {
    tcp.open("db.test", 5432);
    monitor = HealthMonitor.builder()
        .add(HealthCheck.of("db", probes.tcp("db.test", 5432), HealthRules.succeeds()).every(Duration.ofMillis(100)))
        .build().start();

    await(() -> tcp.received().size() >= 4, Duration.ofSeconds(5));
    HealthSnapshot s = monitor.snapshot();
    assertThat(s.status()).isEqualTo(HealthStatus.UP);
    assertThat(s.check("db").orElseThrow().last().orElseThrow().details()).containsEntry("target", "db.test:5432");
  }

  @Test
  void statusIsUnknownUntilTheFirstResultAndTheSnapshotDoesNotWaitForIt() {
    tcp.silent("db.test", 5432);
    monitor = HealthMonitor.builder()
        .add(HealthCheck.of("db", probes.tcp("db.test", 5432).timeout(Duration.ofSeconds(3)), HealthRules.succeeds()))
        .build().start();
    await(() -> !tcp.received().isEmpty(), Duration.ofSeconds(5));

    long t0 = System.nanoTime();
    HealthSnapshot s = monitor.snapshot();
    Duration took = Duration.ofNanos(System.nanoTime() - t0);

    assertThat(took).isLessThan(Duration.ofMillis(200));
    CheckState db = s.check("db").orElseThrow();
    assertThat(db.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(db.last()).isEmpty();
    assertThat(db.running()).isTrue();
    assertThat(s.status()).isEqualTo(HealthStatus.UNKNOWN);
  }

  @Test
  void theLastResultIsReturnedAtOnceWhileTheNextProbeHangs() {
    tcp.open("db.test", 5432);
    monitor = HealthMonitor.builder()
        .add(HealthCheck.of("db", probes.tcp("db.test", 5432).timeout(Duration.ofSeconds(3)), HealthRules.succeeds())
            .every(Duration.ofMillis(100)))
        .build().start();
    await(() -> monitor.snapshot().status() == HealthStatus.UP, Duration.ofSeconds(5));

    tcp.silent("db.test", 5432);
    int before = tcp.received().size();
    await(() -> monitor.snapshot().check("db").orElseThrow().running() && tcp.received().size() > before,
        Duration.ofSeconds(5));

    long t0 = System.nanoTime();
    CheckState db = monitor.state("db").orElseThrow();
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertThat(took).isLessThan(Duration.ofMillis(200));
    assertThat(db.running()).isTrue();
    assertThat(db.status()).isEqualTo(HealthStatus.UP);
    assertThat(db.age()).isPresent();

    // the hanging probe ends at its deadline and its TIMEOUT replaces the old result
    await(() -> monitor.snapshot().status() == HealthStatus.DOWN, Duration.ofSeconds(6));
    assertThat(monitor.state("db").orElseThrow().last().orElseThrow().failureKind()).contains(FailureKind.TIMEOUT);
  }

  @Test
  void ageGrowsWithTheClockAndAnOldResultTurnsStale() {
    tcp.open("db.test", 5432);
    MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    monitor = HealthMonitor.builder().clock(clock)
        .add(HealthCheck.of("db", probes.tcp("db.test", 5432).timeout(Duration.ofSeconds(1)), HealthRules.succeeds())
            .every(Duration.ofMinutes(1)))
        .build().start();
    await(() -> monitor.snapshot().status() == HealthStatus.UP, Duration.ofSeconds(5));

    assertThat(monitor.state("db").orElseThrow().age()).contains(Duration.ZERO);
    clock.advance(Duration.ofSeconds(42));
    CheckState later = monitor.state("db").orElseThrow();
    assertThat(later.age()).contains(Duration.ofSeconds(42));
    assertThat(later.stale()).isFalse();

    // interval 60 s + timeout 1 s + grace 5 s: a result older than 66 s means the check stopped running on time
    clock.advance(Duration.ofSeconds(25));
    CheckState stale = monitor.state("db").orElseThrow();
    assertThat(stale.stale()).isTrue();
    assertThat(stale.status()).isEqualTo(HealthStatus.UNKNOWN);
    assertThat(stale.last().orElseThrow().status()).isEqualTo(HealthStatus.UP);
    assertThat(stale.details()).containsEntry("ageMs", 67_000L).containsEntry("stale", true)
        .containsEntry("reason", "the probe succeeded").containsEntry("target", "db.test:5432")
        .containsEntry("running", false);
  }

  @Test
  void theCombinedStatusIsTheWorstOfTheChecks() {
    tcp.open("db.test", 5432);
    http.respond("http://web.test/", 500);
    monitor = HealthMonitor.builder()
        .add(HealthCheck.of("db", probes.tcp("db.test", 5432), HealthRules.succeeds()))
        .add(HealthCheck.of("web", probes.http("http://web.test/"), HealthRules.http2xx()))
        .build().start();
    await(() -> monitor.snapshot().checks().stream().allMatch(c -> c.last().isPresent()), Duration.ofSeconds(5));

    HealthSnapshot s = monitor.snapshot();
    assertThat(s.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(s.checks()).extracting(CheckState::name).containsExactly("db", "web");
    assertThat(s.check("web").orElseThrow().last().orElseThrow().reason()).isEqualTo("status 500 is not in 200-299");
  }

  @Test
  void aMissingBackendIsReportedAsDownRatherThanStoppingTheMonitor() {
    ProbeClient noBackends = Probes.builder().backend(tcp).build();
    monitor = HealthMonitor.builder()
        .add(HealthCheck.of("dns", noBackends.dns("example.test"), HealthRules.succeeds()))
        .build().start();
    await(() -> monitor.snapshot().status() == HealthStatus.DOWN, Duration.ofSeconds(5));

    HealthResult r = monitor.state("dns").orElseThrow().last().orElseThrow();
    assertThat(r.reason()).contains("DnsBackend");
  }

  @Test
  void closeStopsFurtherRuns() throws InterruptedException {
    tcp.open("db.test", 5432);
    monitor = HealthMonitor.builder()
        .add(HealthCheck.of("db", probes.tcp("db.test", 5432), HealthRules.succeeds()).every(Duration.ofMillis(100)))
        .build().start();
    await(() -> tcp.received().size() >= 2, Duration.ofSeconds(5));
    monitor.close();
    int runs = tcp.received().size();
    Thread.sleep(400);
    assertThat(tcp.received().size()).isLessThanOrEqualTo(runs + 1);
    assertThatThrownBy(monitor::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void duplicateNamesAreRejected() {
    HealthMonitor.Builder b = HealthMonitor.builder()
        .add(HealthCheck.of("db", probes.tcp("db.test", 5432), HealthRules.succeeds()));
    assertThatThrownBy(() -> b.add(HealthCheck.of("db", probes.tcp("db.test", 5433), HealthRules.succeeds())))
        .hasMessageContaining("\"db\"");
  }

  private static void await(BooleanSupplier condition, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not met within " + limit);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A clock the test moves by hand. Thread-safe. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
