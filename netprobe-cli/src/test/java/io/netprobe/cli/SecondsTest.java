package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Seconds as the command line takes them ({@code -W}, {@code -i}, {@code -w}, {@code --timeout}). */
class SecondsTest {
  @Test
  void secondsAreExactToTheNanosecondAndBoundedToAnHour() {
    assertThat(Seconds.of(0.2)).isEqualTo(Duration.ofMillis(200));
    assertThat(Seconds.of(3600)).isEqualTo(Duration.ofHours(1));
    assertThat(Seconds.of(1e-9)).isEqualTo(Duration.ofNanos(1));
    for (double bad : new double[] {0, -1, 3600.5, Double.NaN}) {
      assertThatIllegalArgumentException().isThrownBy(() -> Seconds.of(bad))
          .withMessage("seconds must be between 0 and 3600, was " + bad);
    }
  }
}
