package io.netprobe.sockets.internal.icmp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.ProbeClient;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real pings to loopback with whatever socket this process may open. */
class LoopbackPingTest {
  private final ProbeClient client = Probes.builder().backend(new LinuxPingBackend()).build();

  @Test
  void pingsIpv4Loopback() {
    PingResult r = client.ping("127.0.0.1").count(3).interval(Duration.ofMillis(20)).run();
    System.out.println(r);
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
  }

  @Test
  void pingsIpv6Loopback() {
    PingResult r = client.ping("::1").count(2).interval(Duration.ofMillis(20)).payloadSize(100).run();
    System.out.println(r);
    assertThat(r.failure()).isEmpty();
    assertThat(r.received()).isEqualTo(2);
    assertThat(r.replies()).allSatisfy(reply -> assertThat(reply.size()).isEqualTo(108));
  }
}
