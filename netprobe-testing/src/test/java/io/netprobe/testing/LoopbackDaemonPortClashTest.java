package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A daemon whose port was taken between FreePorts and its bind is started again on fresh ports; other failures not. */
class LoopbackDaemonPortClashTest {

  @Test
  void aPortTakenMeanwhileIsRetriedOnFreshPorts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String started = LoopbackDaemon.onFreshPorts(() -> {
      if (calls.incrementAndGet() < 3) {
        throw new IOException("/usr/sbin/unbound exited with 1: error: bind: address already in use");
      }
      return "listening";
    });
    assertThat(started).isEqualTo("listening");
    assertThat(calls).hasValue(3);
  }

  @Test
  void itGivesUpAfterFiveClashesAndNeverRetriesOtherFailures() {
    AtomicInteger clashes = new AtomicInteger();
    assertThatThrownBy(() -> LoopbackDaemon.onFreshPorts(() -> {
      clashes.incrementAndGet();
      throw new IOException("nginx exited with 1: bind() to 127.0.0.1:1 failed (98: Address already in use)");
    })).hasMessageContaining("Address already in use");
    assertThat(clashes).hasValue(5);

    AtomicInteger others = new AtomicInteger();
    assertThatThrownBy(() -> LoopbackDaemon.onFreshPorts(() -> {
      others.incrementAndGet();
      throw new IOException("nsd exited with 1: cannot read zone file");
    })).hasMessageContaining("zone file");
    assertThat(others).hasValue(1);
  }
}
