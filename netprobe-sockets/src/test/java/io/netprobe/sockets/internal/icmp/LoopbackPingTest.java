package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.ProbeClient;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSweepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real pings to loopback with whatever socket this process may open. */
class LoopbackPingTest {
  private final ProbeClient client = Probes.builder().backend(new LinuxPingBackend()).build();

  @Test
  void pingsIpv4Loopback() {
    PingResult r = client.ping("127.0.0.1").count(3).interval(Duration.ofMillis(20)).run();

    assertThat(r.failure()).isEmpty();
    assertThat(r.transmitted()).isEqualTo(3);
    assertThat(r.received()).isEqualTo(3);
    assertThat(r.method()).hasValueSatisfying(m -> assertThat(m.isIcmp()).isTrue());
    assertThat(r.replies()).extracting(PingReply::sequence).containsExactly(1, 2, 3);
    assertThat(r.replies()).allSatisfy(reply -> {
      assertThat(reply.size()).isEqualTo(64);
      assertThat(reply.ttl()).isEqualTo(64);
      assertThat(reply.rtt()).isLessThan(Duration.ofMillis(200));
    });
    assertThat(r.replies()).extracting(PingReply::rttSource).as("a warm ping gets kernel timestamps both ways")
        .contains(io.netprobe.icmp.RttSource.KERNEL);
  }

  @Test
  void theListenerHearsEachReplyBeforeTheNextEchoIsSent() {
    List<PingReply> heard = new ArrayList<>();
    List<Long> heardAt = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    PingResult r = client.ping("127.0.0.1").count(3).interval(Duration.ofMillis(300)).onReply(reply -> {
      heard.add(reply);
      heardAt.add(System.nanoTime() - start);
      threads.add(Thread.currentThread());
    }).run();

    assertThat(r.received()).isEqualTo(3);
    assertThat(heard).containsExactlyElementsOf(r.replies());
    // run() is the async path joined: the listener runs on the engine's side, never on the waiting caller
    assertThat(threads).doesNotContain(Thread.currentThread());
    // echo n goes out at (n-1) * 300 ms; loopback answers at once, so reply n is heard before echo n+1 is sent
    for (int n = 0; n < 3; n++) {
      assertThat(Duration.ofNanos(heardAt.get(n))).as("reply %d heard", n + 1)
          .isGreaterThanOrEqualTo(Duration.ofMillis(300L * n))
          .isLessThan(Duration.ofMillis(300L * n + 250));
    }
  }

  @Test
  void pingsIpv6Loopback() {
    PingResult r = client.ping("::1").count(2).interval(Duration.ofMillis(20)).payloadSize(100).run();

    assertThat(r.failure()).isEmpty();
    assertThat(r.received()).isEqualTo(2);
    assertThat(r.replies()).allSatisfy(reply -> assertThat(reply.size()).isEqualTo(108));
  }

  @Test
  void sweepsTwoThousandLoopbackAddressesAndIpv6WithoutLoss() {
    List<String> hosts = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      hosts.add("127.0." + (i / 250) + "." + (i % 250 + 1));
    }
    hosts.add("::1");
    hosts.add("127.0.0.1"); // a duplicate: pinged once
    PingSweepResult r = client.pingAll(hosts).spacing(Duration.ZERO).replyTimeout(Duration.ofSeconds(2)).run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.results()).hasSize(2001);
    assertThat(r.unreachable()).isEmpty();
    assertThat(r.lossPercent()).isZero();
    assertThat(r.result("127.0.3.17")).hasValueSatisfying(p -> {
      assertThat(p.replies()).singleElement().satisfies(reply ->
          assertThat(reply.source().getHostAddress()).isEqualTo("127.0.3.17"));
      assertThat(p.method()).hasValueSatisfying(m -> assertThat(m.isIcmp()).isTrue());
    });
    assertThat(r.result("::1").map(PingResult::received)).contains(1);
  }

  @Test
  void sweepResolvesNamesFromTheHostsFile() {
    PingSweepResult r = client.pingAll("localhost", "127.0.0.2").count(2).interval(Duration.ofMillis(10)).run();
    assertThat(r.alive()).hasSize(2);
    assertThat(r.result("localhost")).flatMap(PingResult::address)
        .hasValueSatisfying(a -> assertThat(a.isLoopbackAddress()).isTrue());
  }
}
