package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The schedule behind a ping sweep's progress bar, which loopback cannot exercise. (ping's loss figures, tested here
 * before, are netprobe-text's PingTextTest.)
 */
class SweepScheduleTest {

  @Test
  void sweepScheduleCountsTheEchoesDueSoFar() {
    // 3 hosts, 2 echoes each, 10 ms between hosts, 1 s between a host's echoes
    SweepSchedule s = new SweepSchedule(3, 2, Duration.ofMillis(10), Duration.ofSeconds(1));
    assertThat(s.echoes()).isEqualTo(6);
    assertThat(s.sentBy(Duration.ZERO)).isEqualTo(1);
    assertThat(s.sentBy(Duration.ofMillis(25))).isEqualTo(3);
    assertThat(s.sentBy(Duration.ofMillis(1005))).isEqualTo(4);
    assertThat(s.sentBy(Duration.ofSeconds(5))).isEqualTo(6);
    assertThat(new SweepSchedule(1000, 1, Duration.ZERO, Duration.ofSeconds(1)).sentBy(Duration.ZERO))
        .as("no spacing: every host's first echo at once").isEqualTo(1000);
  }
}
