package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** netprobe traceroute's probe protocol flags (-I, -T, -P, -p) with the fake traceroute backend. */
class TracerouteProtocolTest {
  private final CliTest cli = new CliTest();

  @Test
  void dashTSendsTcpProbesToPort80UnlessDashPSaysOtherwise() {
    CliTest.Run tcp = cli.run("traceroute", "-T", "--json", "8.8.8.8");
    assertThat(tcp.exit()).isZero();
    assertThat(tcp.json().get("spec").get("mode").asText()).isEqualTo("TCP");
    assertThat(tcp.json().get("spec").get("port").asInt()).isEqualTo(80);
    CliTest.Run other = cli.run("traceroute", "-P", "tcp", "-p", "443", "--strategy", "classic", "--json", "8.8.8.8");
    assertThat(other.json().get("spec").get("port").asInt()).isEqualTo(443);
    assertThat(other.json().get("spec").get("strategy").asText()).isEqualTo("CLASSIC");
    assertThat(cli.run("traceroute", "-T", "8.8.8.8").out())
        .contains("traceroute to 8.8.8.8 (8.8.8.8), 30 hops max, 44 byte packets\n");
  }

  @Test
  void protocolNamesTheModeAsTracerouteDoes() {
    assertThat(cli.run("traceroute", "--protocol", "icmp", "--json", "8.8.8.8").json().get("spec").get("mode")
        .asText()).isEqualTo("ICMP");
    assertThat(cli.run("traceroute", "-P", "UDP", "-p", "40000", "--json", "8.8.8.8").json().get("spec").get("port")
        .asInt()).isEqualTo(40000);
  }

  @Test
  void contradictionsAndUnknownProtocolsAreUsageErrors() {
    assertThat(cli.run("traceroute", "-I", "-T", "8.8.8.8").exit()).isEqualTo(Netprobe.USAGE);
    CliTest.Run contradiction = cli.run("traceroute", "-T", "-P", "icmp", "8.8.8.8");
    assertThat(contradiction.exit()).isEqualTo(Netprobe.USAGE);
    assertThat(contradiction.err()).contains("contradicts -T");
    assertThat(cli.run("traceroute", "-P", "sctp\u001b", "8.8.8.8").err())
        .contains("--protocol must be udp, icmp or tcp, was \"sctp?\"");
    assertThat(cli.run("traceroute", "-p", "70000", "8.8.8.8").exit()).isEqualTo(Netprobe.USAGE);
  }

  @Test
  void mtrTakesDashTToo() {
    CliTest.Run r = cli.run("mtr", "-T", "--json", "-c", "1", "-i", "0.01", "8.8.8.8");
    assertThat(r.exit()).isZero();
    assertThat(r.json().get("spec").get("mode").asText()).isEqualTo("TCP");
    CliTest.Run to443 = cli.run("mtr", "-T", "-P", "443", "--json", "-c", "1", "-i", "0.01", "8.8.8.8");
    assertThat(to443.exit()).isZero();
    assertThat(to443.json().get("spec").get("port").asInt()).isEqualTo(443);
  }
}
