package io.netprobe.text;

import static io.netprobe.text.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Host;
import io.netprobe.icmp.MtrHop;
import io.netprobe.icmp.MtrListener;
import io.netprobe.icmp.MtrResult;
import io.netprobe.icmp.MtrSpec;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TraceStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** mtr's report layout, column for column (the lines below are what mtr 0.95 printed on the ECMP lab). */
class MtrTextTest {
  private static Optional<Duration> us(long micros) {
    return Optional.of(Duration.ofNanos(micros * 1000));
  }

  private static MtrResult result() {
    MtrSpec spec = new MtrSpec(Host.of("10.78.5.2"), TraceMode.UDP, TraceStrategy.PARIS, 30, 2,
        Duration.ofSeconds(1), Duration.ofSeconds(1), MtrListener.NONE, Duration.ofSeconds(10));
    MtrHop one = new MtrHop(1, List.of(ip("10.78.0.2")), 2, 2, us(48), us(48), us(51), us(49), us(2), us(3), us(3),
        us(3));
    MtrHop two = new MtrHop(2, List.of(ip("10.78.1.2"), ip("10.78.2.2")), 2, 1, us(71), us(71), us(71), us(71),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    MtrHop three = new MtrHop(3, List.of(), 2, 0, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    return new MtrResult(spec, Optional.of(ip("10.78.5.2")), List.of(one, two, three), 2, "test",
        Instant.parse("2026-12-06T16:53:25Z"), Duration.ofSeconds(2), Optional.empty());
  }

  @Test
  void reportMatchesMtrsLayout() {
    assertThat(MtrText.report(result(), "vm")).isEqualTo(""
        + "Start: 2026-12-06T16:53:25+0000\n"
        + "HOST: vm                          Loss%   Snt   Last   Avg  Best  Wrst StDev\n"
        + "  1.|-- 10.78.0.2                  0.0%     2    0.0   0.0   0.0   0.1   0.0\n"
        + "  2.|-- 10.78.1.2                 50.0%     2    0.1   0.1   0.1   0.1   0.0\n"
        + "        10.78.2.2                        \n"
        + "  3.|-- ???                      100.0%     2    0.0   0.0   0.0   0.0   0.0\n");
  }

  @Test
  void screenAddsJitterColumns() {
    String screen = MtrText.screen(result(), Instant.parse("2026-12-06T16:53:27Z"));
    assertThat(screen).startsWith("netprobe mtr to 10.78.5.2 (10.78.5.2)  2 cycles  2026-12-06T16:53:27+0000\n");
    assertThat(screen.lines().skip(1).findFirst().orElseThrow()).contains("Jttr").contains("Javg").contains("Jmax");
    assertThat(screen).contains("  1. 10.78.0.2                   0.0%     2    0.0    0.0    0.0    0.1    0.0"
        + "    0.0    0.0    0.0");
    assertThat(screen).contains("     10.78.2.2\n");
  }
}
