package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingResult;
import io.netprobe.testing.contract.PingBackendContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakePingBackendTest extends PingBackendContract {
  private final FakePingBackend fake = new FakePingBackend()
      .reply("gateway.internal", Duration.ofMillis(3))
      .lossy("flaky.internal", 0.5, Duration.ofMillis(40))
      .fail("10.0.0.1", FailureKind.HOST_UNREACHABLE);

  @Override
  protected FakePingBackend backend() {
    return fake;
  }

  @Override
  protected boolean pacesEchoesInRealTime() {
    return false; // the fake answers every echo at once
  }

  @Override
  protected String reachableHost() {
    return "gateway.internal";
  }

  @Override
  protected String silentHost() {
    return "blackhole.internal";
  }

  @Test
  void lossyHostLosesTheScriptedFraction() {
    PingResult r = client().ping("flaky.internal").count(4).interval(Duration.ofMillis(10)).run();
    assertThat(r.lossPercent()).isEqualTo(50.0);
    assertThat(r.statistics().avg()).isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void scriptedFailureComesBackAsAValue() {
    assertThat(client().ping("10.0.0.1").run().failureKind()).contains(FailureKind.HOST_UNREACHABLE);
  }

  @Test
  void aSweepsDefaultDeadlineCoversItsPacing() {
    java.util.List<String> hosts = new java.util.ArrayList<>();
    for (int i = 1; i <= 10_000; i++) {
      hosts.add("10.1." + (i / 250) + "." + (i % 250 + 1));
    }
    io.netprobe.icmp.PingSweepRequest sweep = client().pingAll(hosts);
    // 10,000 echoes 1 ms apart, then the 1 s reply timeout, plus 1 s
    assertThat(sweep.timeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(sweep.spacing(Duration.ZERO).timeout()).as("the client's 5 s when that is longer")
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(sweep.count(3).interval(Duration.ofSeconds(2)).timeout()).isEqualTo(Duration.ofSeconds(32));
    assertThat(sweep.timeout(Duration.ofSeconds(3)).count(5).timeout()).as("an explicit timeout stays")
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void icmpErrorsAreScriptedOnTheWireAndJudgedByCore() {
    List<IcmpError> heard = new ArrayList<>();
    FakePingBackend ping = new FakePingBackend().icmpError("10.0.0.9", "10.0.0.254", 3, 0)
        .fail("10.0.0.7", FailureKind.PERMISSION_DENIED);
    ProbeClient probes = Probes.builder().backend(ping).build();

    PingResult unreachable = probes.ping("10.0.0.9").count(2).onReply(new PingListener() {
      @Override
      public void onReply(PingReply reply) {}

      @Override
      public void onError(IcmpError error) {
        heard.add(error);
      }
    }).run();
    PingResult denied = probes.ping("10.0.0.7").run();
    PingResult hostUnreachable = Probes.builder().backend(fake).build().ping("10.0.0.1").count(1).run();

    assertThat(unreachable.failureKind()).contains(FailureKind.NETWORK_UNREACHABLE);
    assertThat(unreachable.transmitted()).isEqualTo(2);
    assertThat(unreachable.errors()).extracting(IcmpError::description)
        .containsExactly("Destination Net Unreachable", "Destination Net Unreachable");
    assertThat(heard).hasSize(2);
    assertThat(denied.failureKind()).contains(FailureKind.PERMISSION_DENIED);
    assertThat(denied.transmitted()).as("refused before sending, as the real backend does").isZero();
    assertThat(denied.method()).isEmpty();
    assertThat(hostUnreachable.failureKind()).contains(FailureKind.HOST_UNREACHABLE);
    assertThat(hostUnreachable.errors()).extracting(IcmpError::description)
        .containsExactly("Destination Host Unreachable");
    assertThat(hostUnreachable.failure().orElseThrow().message()).contains("from 192.0.2.254 icmp_seq=1");
  }
}
