package io.netprobe;

import io.netprobe.core.Deadline;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  @Test
  void remainingCountsDownAndNeverGoesNegative() throws InterruptedException {
    Deadline d = Deadline.after(Duration.ofMillis(50));
    assertThat(d.isExpired()).isFalse();
    assertThat(d.remaining()).isLessThanOrEqualTo(Duration.ofMillis(50)).isGreaterThan(Duration.ZERO);
    Thread.sleep(80);
    assertThat(d.isExpired()).isTrue();
    assertThat(d.remaining()).isEqualTo(Duration.ZERO);
    assertThat(d.remainingMillisForSocket()).isZero();
    assertThat(d.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(80));
  }

  @Test
  void socketTimeoutIsRoundedUpSoThatZeroNeverMeansForever() {
    Deadline d = Deadline.after(Duration.ofNanos(200_000));
    int millis = d.remainingMillisForSocket();
    assertThat(millis).isIn(0, 1);
  }

  @Test
  void atMostTakesTheEarlierOfTheTwo() {
    Deadline whole = Deadline.after(Duration.ofSeconds(10));
    assertThat(whole.atMost(Duration.ofMillis(100)).remaining()).isLessThanOrEqualTo(Duration.ofMillis(100));
    assertThat(whole.atMost(Duration.ofSeconds(60))).isSameAs(whole);
    assertThat(whole.atMost(Duration.ofMillis(100))).isLessThan(whole);
  }

  @Test
  void hugeTimeoutsDoNotOverflow() {
    Deadline d = Deadline.after(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(d.isExpired()).isFalse();
    assertThat(d.remaining()).isGreaterThan(Duration.ofDays(365));
  }
}
