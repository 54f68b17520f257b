package io.netprobe.exporter.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The probe log and the metric text, which are written lazily and from cached pieces. */
class ProbeTextTest {
  @Test
  void theLogWritesLogfmtLinesWithTheTimeEachWasLoggedAndRawBlocksAsTheyAre() throws Exception {
    ProbeLog log = new ProbeLog();
    Instant before = Instant.now();
    log.info("Beginning probe probe=tcp");
    Thread.sleep(5);
    log.error("Error dialing TCP err=\"refused\"\nnext");
    log.raw("PING 127.0.0.1\n\n");
    String[] lines = log.text().split("\n");

    assertThat(lines).hasSize(3);
    assertThat(lines[0]).matches("ts=\\S+Z level=info msg=\"Beginning probe probe=tcp\"");
    assertThat(lines[1]).endsWith(" level=error msg=\"Error dialing TCP err=\\\"refused\\\"\\nnext\"");
    assertThat(lines[2]).isEqualTo("PING 127.0.0.1");
    Instant first = Instant.parse(lines[0].substring(3, lines[0].indexOf(' ')));
    Instant second = Instant.parse(lines[1].substring(3, lines[1].indexOf(' ')));
    // the time of logging, not of reading
    assertThat(first).isBetween(before, second.minusMillis(4));
    assertThat(log.text()).isEqualTo(String.join("\n", lines) + "\n");
  }

  @Test
  void metricTextIsTheSameForEveryProbeWhateverWasCachedBefore() {
    for (int probe = 0; probe < 2; probe++) {
      MetricSet m = new MetricSet().gauge("probe_success", "Displays whether or not the probe was a success", 1)
          .seconds("probe_duration_seconds", "Returns how long the probe took\nto complete in seconds \\",
              Duration.ofMillis(1_250))
          .gauge("probe_failure_info", "Why", 1, "kind", "TIMEOUT");
      assertThat(m.text()).isEqualTo("""
          # HELP probe_duration_seconds Returns how long the probe took\\nto complete in seconds \\\\
          # TYPE probe_duration_seconds gauge
          probe_duration_seconds 1.25
          # HELP probe_failure_info Why
          # TYPE probe_failure_info gauge
          probe_failure_info{kind="TIMEOUT"} 1
          # HELP probe_success Displays whether or not the probe was a success
          # TYPE probe_success gauge
          probe_success 1
          """);
    }
  }
}
