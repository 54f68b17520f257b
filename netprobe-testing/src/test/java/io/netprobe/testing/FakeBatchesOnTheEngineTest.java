package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsResult;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSweepResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch of scripted-slow DNS questions and a sweep of scripted-slow hosts are timers on the client's engine: they
 * take about the scripted delay, not its sum, and hold no thread per question or host.
 */
class FakeBatchesOnTheEngineTest {
  private static final int COUNT = 300;
  private static final Duration DELAY = Duration.ofMillis(300);

  @Test
  void aBatchOfSlowQuestionsTakesOneDelayOnAFewThreads() {
    FakeDnsBackend dns = new FakeDnsBackend();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      String name = "n" + i + ".example.test";
      dns.address(name, "192.0.2." + (1 + i % 250)).delay(name, DELAY);
      names.add(name);
    }
    try (ProbeClient client = Probes.builder().backend(dns).build()) {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      threads.resetPeakThreadCount();
      int before = threads.getThreadCount();
      long start = System.nanoTime();
      DnsBatchResult r = client.dnsBatch(names).timeout(Duration.ofSeconds(3)).run();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.results()).hasSize(COUNT).allSatisfy(q -> assertThat(q.failure()).isEmpty());
      assertThat(r.results()).extracting(DnsResult::query).extracting(q -> q.name())
          .containsExactlyElementsOf(names);
      assertThat(took).isBetween(DELAY, DELAY.multipliedBy(5));
      assertThat(threads.getPeakThreadCount() - before).as("threads added for %s slow questions", COUNT)
          .isLessThan(20);
    }
  }

  @Test
  void aSweepOfSlowHostsTakesOneDelayOnAFewThreads() {
    FakePingBackend ping = new FakePingBackend();
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      String host = "10.9." + (i / 250) + "." + (1 + i % 250);
      ping.reply(host, Duration.ofMillis(1)).delay(host, DELAY);
      hosts.add(host);
    }
    try (ProbeClient client = Probes.builder().backend(ping).build()) {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      threads.resetPeakThreadCount();
      int before = threads.getThreadCount();
      long start = System.nanoTime();
      PingSweepResult r = client.pingAll(hosts).timeout(Duration.ofSeconds(3)).run();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.results()).hasSize(COUNT).allSatisfy(p -> assertThat(p.received()).isPositive());
      assertThat(r.results()).extracting(p -> p.spec().host().ascii()).containsExactlyElementsOf(hosts);
      assertThat(took).isBetween(DELAY, DELAY.multipliedBy(5));
      assertThat(threads.getPeakThreadCount() - before).as("threads added for %s slow hosts", COUNT)
          .isLessThan(20);
    }
  }
}
