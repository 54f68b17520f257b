package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.testing.LocalUnbound;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code netprobe dig +tls / +https / -b} against a real unbound, next to dig's own output on the same options. */
class DigEncryptedIT {
  static LocalUnbound unbound;
  static ProbeClient client;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(LocalUnbound.installed() && Files.isExecutable(Path.of("/usr/bin/dig")),
        "unbound and dig needed");
    client = Probes.builder().build();
    Assumptions.assumeTrue(DemoTest.missingBackends(client).isEmpty(), "backends not on the class path yet");
    unbound = LocalUnbound.start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (unbound != null) {
      unbound.close();
    }
  }

  private static CliTest.Run ours(String... args) {
    return CliTest.run(client, args);
  }

  @Test
  void tlsWithCaAndHostnameAnswersLikeDig() throws Exception {
    List<String> opts = List.of("@127.0.0.1", "-p", String.valueOf(unbound.tlsPort), "+tls", "+tls-ca="
        + unbound.cert, "+tls-hostname=dns.test", "www.example.test", "A", "+short");
    CliTest.Run r = ours(cli(opts));
    assertThat(r.exit()).isZero();
    assertThat(sorted(r.out())).isEqualTo(sorted(dig(opts))).hasSize(2);
    CliTest.Run full = ours("dig", "@127.0.0.1", "-p", String.valueOf(unbound.tlsPort), "+tls-ca=" + unbound.cert,
        "www.example.test");
    assertThat(full.out()).contains(";; SERVER: 127.0.0.1#" + unbound.tlsPort + "(127.0.0.1) (TLS)");
  }

  @Test
  void jsonOfEncryptedLookupsMatchesTheDigSchema() {
    // a source address for DNS over HTTPS needs Java 19 (HttpClient.Builder.localAddress), so only +tls has -b
    for (String[] transport : new String[][] {{"+tls", String.valueOf(unbound.tlsPort)},
        {"+https", String.valueOf(unbound.httpsPort)}}) {
      List<String> args = new ArrayList<>(List.of("dig", "--json", "@127.0.0.1", "-p", transport[1], transport[0],
          "+tls-ca=" + unbound.cert, "www.example.test"));
      if (transport[0].equals("+tls")) {
        args.addAll(List.of("-b", "127.0.0.1"));
      }
      CliTest.Run r = ours(args.toArray(String[]::new));
      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.json().at("/tls/protocol").asText()).startsWith("TLSv1.");
      assertThat(r.json().at("/query/encryption/protocol").asText()).isEqualTo(transport[0].substring(1)
          .toUpperCase(java.util.Locale.ROOT));
      assertThat(JsonSchemaTest.errors("dig", r.json())).isEmpty();
    }
    assertThat(JsonSchemaTest.JSON.valueToTree(io.netprobe.dns.DnsTransport.values()).toString())
        .isEqualTo("[\"UDP\",\"TCP\",\"TLS\",\"HTTPS\"]");
  }

  @Test
  void opportunisticTlsAcceptsTheSelfSignedCertificateLikeDig() throws Exception {
    List<String> opts = List.of("@127.0.0.1", "-p", String.valueOf(unbound.tlsPort), "+tls", "www.example.test",
        "+short");
    assertThat(sorted(ours(cli(opts)).out())).isEqualTo(sorted(dig(opts))).hasSize(2);
  }

  @Test
  void httpsPostAndGetAnswerLikeDig() throws Exception {
    for (String https : List.of("+https", "+https=/dns-query", "+https-get")) {
      List<String> opts = List.of("@127.0.0.1", "-p", String.valueOf(unbound.httpsPort), https,
          "+tls-ca=" + unbound.cert, "www.example.test", "+short");
      CliTest.Run r = ours(cli(opts));
      assertThat(r.exit()).as(https + ": " + r.err()).isZero();
      assertThat(sorted(r.out())).as(https).isEqualTo(sorted(dig(opts))).hasSize(2);
    }
  }

  @Test
  void aWrongCaFailsWithATypedTlsFailure() {
    CliTest.Run r = ours("dig", "--json", "@127.0.0.1", "-p", String.valueOf(unbound.tlsPort),
        "+tls-ca=" + unbound.otherCert, "www.example.test");
    assertThat(r.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(r.json().at("/failure/kind").asText()).isEqualTo("TLS_UNTRUSTED");
  }

  @Test
  void sourceAddressLikeDigB() throws Exception {
    CliTest.Run r = ours("dig", "-b", "127.0.0.2", "@127.0.0.1", "-p", String.valueOf(unbound.plainPort),
        "cli-source.example.test");
    assertThat(r.out()).contains("status: NXDOMAIN");
    long until = System.nanoTime() + 3_000_000_000L;
    while (!unbound.log().contains("cli-source.example.test") && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(unbound.log().lines().filter(l -> l.contains("cli-source.example.test.")))
        .singleElement().satisfies(l -> assertThat(l).contains(" 127.0.0.2 "));
    CliTest.Run foreign = ours("dig", "-b", "192.0.2.1", "@127.0.0.1", "-p", String.valueOf(unbound.plainPort),
        "www.example.test");
    assertThat(foreign.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(foreign.out() + foreign.err()).contains("192.0.2.1: it is not an address of this machine");
  }

  private static String[] cli(List<String> opts) {
    List<String> all = new ArrayList<>(List.of("dig"));
    all.addAll(opts);
    return all.toArray(String[]::new);
  }

  private static List<String> sorted(String out) {
    return out.lines().filter(l -> !l.isBlank()).sorted().toList();
  }

  private static String dig(List<String> opts) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/dig", "+time=3", "+tries=1"));
    cmd.addAll(opts);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
