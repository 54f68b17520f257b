package io.netprobe.health.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  void everyUnitAndFractions() {
    assertThat(DurationText.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("x", "15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(DurationText.parse("x", "2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.parse("x", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationText.parse("x", "1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationText.parse("x", "0.25ms")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(DurationText.parse("x", " 30s ")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anythingElseIsRejectedNamingTheSettingAndTheValue() {
    for (String bad : new String[] {"5", "5 minutes", "5 s", "s", "-5s", "5S", "1d", "", ".5s", "5.s"}) {
      assertThatThrownBy(() -> DurationText.parse("interval", bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("interval must be a number followed by ms, s, m or h (like 500ms or 15s), was \"" + bad + "\"");
    }
    assertThatThrownBy(() -> DurationText.parse("timeout", "0s")).hasMessage(
        "timeout must be longer than zero, was \"0s\"");
    assertThatThrownBy(() -> DurationText.parse("timeout", "0.0000001ms")).hasMessage(
        "timeout must be longer than zero, was \"0.0000001ms\"");
  }
}
