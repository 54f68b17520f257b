package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** netprobe mtr with the fake traceroute backend: the report, the live screen, JSON and usage errors. */
class MtrCommandTest {
  private final CliTest cli = new CliTest();

  @Test
  void reportHasMtrsColumnsAndOneLinePerHop() {
    CliTest.Run r = cli.run("mtr", "-r", "-c", "3", "-i", "0.01", "8.8.8.8");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).containsPattern("(?m)^Start: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000$")
        .containsPattern("(?m)^HOST: \\S+\\s+Loss%   Snt   Last   Avg  Best  Wrst StDev$")
        .contains("  1.|-- 10.0.0.1                   0.0%     3    1.0   1.0   1.0   1.0   0.0\n")
        .contains("  2.|-- ???                      100.0%     3    0.0   0.0   0.0   0.0   0.0\n")
        .contains("  4.|-- 8.8.8.8                    0.0%     3    4.0   4.0   4.0   4.0   0.0\n");
  }

  @Test
  void liveViewRedrawsAfterEveryCycle() {
    CliTest.Run r = cli.run("mtr", "-c", "2", "-i", "0.01", "8.8.8.8");
    assertThat(r.exit()).isZero();
    assertThat(r.out().split("\033\\[H\033\\[2J", -1)).hasSize(3);
    assertThat(r.out()).contains("netprobe mtr to 8.8.8.8 (8.8.8.8)  2 cycles").contains("Jttr");
  }

  @Test
  void jsonAndUsageErrors() {
    CliTest.Run json = cli.run("mtr", "--json", "-c", "2", "-i", "0.01", "8.8.8.8");
    assertThat(json.json().get("cycles").asInt()).isEqualTo(2);
    assertThat(json.json().get("hops").get(0).get("sent").asInt()).isEqualTo(2);
    assertThat(cli.run("mtr", "-c", "0", "8.8.8.8").exit()).isEqualTo(Netprobe.USAGE);
    assertThat(cli.run("mtr", "--strategy", "sideways", "8.8.8.8").err()).contains("--strategy must be");
  }
}
