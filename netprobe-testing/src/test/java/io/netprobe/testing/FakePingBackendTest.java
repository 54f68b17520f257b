package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.FailureKind;
import io.netprobe.icmp.PingResult;
import io.netprobe.testing.contract.PingBackendContract;
import java.time.Duration;
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
}
