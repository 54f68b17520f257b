package io.netprobe.exporter.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, the text blackbox writes for every sample value and logfmt
 * number; the expected texts are Go's (blackbox 0.23 writes {@code probe_ip_addr_hash 3.668918509e+09} and
 * {@code probe_dns_lookup_time_seconds 1.8187e-05}).
 */
class GoFloatTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "1, 1", "-1, -1", "4, 4", "5, 5", "1.25, 1.25", "119.5, 119.5", "-0.5, -0.5",
      "100000, 100000", "123456, 123456", "999999, 999999", "1000000, 1e+06", "1234567, 1.234567e+06",
      "3668918509, 3.668918509e+09", "123456789012345, 1.23456789012345e+14", "1e15, 1e+15",
      "9007199254740992, 9.007199254740992e+15", "1e21, 1e+21", "1.5e300, 1.5e+300", "-2.5e-7, -2.5e-07",
      "0.0001, 0.0001", "0.00001, 1e-05", "0.000405191, 0.000405191", "1.8187e-05, 1.8187e-05",
      "0.30000000000000004, 0.30000000000000004", "0.3333333333333333, 0.3333333333333333",
      "1765123456.789, 1.765123456789e+09", "65535.5, 65535.5", "1e-100, 1e-100", "1.7976931348623157e308, "
          + "1.7976931348623157e+308"})
  void writesWhatGoWrites(double value, String go) {
    assertThat(GoFloat.format(value)).isEqualTo(go);
  }

  @Test
  void specialValuesAndZero() {
    assertThat(GoFloat.format(Double.NaN)).isEqualTo("NaN");
    assertThat(GoFloat.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(GoFloat.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(GoFloat.format(0.0)).isEqualTo("0");
    assertThat(GoFloat.format(-0.0)).isEqualTo("-0");
    // expfmt writes its own "0" for any zero
    assertThat(MetricSet.format(-0.0)).isEqualTo("0");
  }

  @Test
  void everyWholeNanosecondDurationIsItsExactDecimalAndReadsBack() {
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 200_000; i++) {
      long nanos = switch (i % 4) {
        case 0 -> random.nextInt(1_000_000); // below a millisecond
        case 1 -> random.nextInt(1_000_000_000); // below a second
        case 2 -> Math.abs(random.nextLong() % 120_000_000_000L); // a scrape timeout's range
        default -> Math.abs(random.nextLong() % 999_999_999_999_999L);
      };
      String text = GoFloat.seconds(Duration.ofNanos(nanos));
      assertThat(Double.parseDouble(text)).as(text).isEqualTo(nanos / 1e9);
      assertThat(new java.math.BigDecimal(text).compareTo(java.math.BigDecimal.valueOf(nanos, 9)))
          .as("%d ns written %s", nanos, text).isZero();
    }
    assertThat(GoFloat.seconds(Duration.ofMillis(5_250))).isEqualTo("5.25");
    assertThat(GoFloat.seconds(Duration.ofNanos(18_187))).isEqualTo("1.8187e-05");
  }

  @Test
  void otherValuesReadBackAsTheSameDouble() {
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 200_000; i++) {
      double v = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String text = GoFloat.format(v);
      assertThat(Double.parseDouble(text)).as(text).isEqualTo(v);
      assertThat(text).matches("-?(\\d+(\\.\\d+)?|\\d(\\.\\d+)?e[-+]\\d{2,3})");
    }
  }
}
