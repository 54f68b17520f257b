package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netprobe dig +trace} next to {@code dig +trace}, and {@code netprobe delv} next to {@code delv}, on NSD
 * serving on 127.0.0.1 a root zone signed with ldns-signzone that delegates to {@code good.} (signed, DS in the root)
 * and {@code stale.} (signatures that expired in 2020). The root's key is the trust anchor of both tools.
 */
class DigTraceDelvIT {
  static final String SOA = " IN SOA localhost. hostmaster.root. 1 7200 3600 1209600 300\n";

  @TempDir static Path dir;
  static LoopbackDaemon nsd;
  static int port;
  static ProbeClient client;
  static Path anchor;
  static Path delvAnchor;

  @BeforeAll
  static void start() throws Exception {
    for (String tool : List.of("/usr/sbin/nsd", "/usr/bin/ldns-signzone", "/usr/bin/dig", "/usr/bin/delv")) {
      Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is not installed");
    }
    client = Probes.builder().build();
    Assumptions.assumeTrue(DemoTest.missingBackends(client).isEmpty(), "backends not on the class path yet");
    port = FreePorts.tcpAndUdp();
    // dig +trace looks the name servers up with getaddrinfo, which knows localhost without any DNS
    StringBuilder root = new StringBuilder("$ORIGIN .\n$TTL 300\n." + SOA + ". IN NS localhost.\n"
        + "localhost. IN A 127.0.0.1\n");
    StringBuilder zones = new StringBuilder();
    for (String child : List.of("good", "stale")) {
      String[] keys = keygen(child + ".");
      String text = "$ORIGIN " + child + ".\n$TTL 300\n@" + SOA + "@ IN NS localhost.\nwww IN A 192.0.2.7\n";
      sign(child, text, keys, child.equals("stale")
          ? List.of("-i", "20190101000000", "-e", "20200101000000") : List.of());
      root.append(child).append(". IN NS localhost.\n")
          .append(Files.readString(dir.resolve(keys[0] + ".ds")).replaceAll(";.*", "").trim()).append('\n');
      zones.append("zone:\n  name: ").append(child).append("\n  zonefile: ").append(child).append(".zone.signed\n");
    }
    String[] rootKeys = keygen(".");
    sign("root", root.toString(), rootKeys, List.of());
    zones.append("zone:\n  name: .\n  zonefile: root.zone.signed\n");
    String key = Files.readString(dir.resolve(rootKeys[0] + ".key")).replaceAll(";.*", "").trim();
    anchor = Files.writeString(dir.resolve("root.anchor"), key + "\n");
    String[] f = key.split("\\s+");
    delvAnchor = Files.writeString(dir.resolve("delv.conf"), "trust-anchors {\n  . static-key " + f[3] + " " + f[4]
        + " " + f[5] + " \"" + f[6] + "\";\n};\n");
    Files.writeString(dir.resolve("nsd.conf"), "server:\n  ip-address: 127.0.0.1@" + port + "\n  port: " + port
        + "\n  username: \"\"\n  chroot: \"\"\n  zonesdir: \"" + dir + "\"\n  database: \"\"\n"
        + "  zonelistfile: \"" + dir.resolve("zone.list") + "\"\n  pidfile: \"" + dir.resolve("nsd.pid") + "\"\n"
        + "  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"\n  xfrdir: \"" + dir + "\"\n  server-count: 1\n"
        + "  rrl-ratelimit: 0\nremote-control:\n  control-enable: no\n" + zones);
    nsd = LoopbackDaemon.start(List.of("/usr/sbin/nsd", "-d", "-c", dir.resolve("nsd.conf").toString()),
        dir.resolve("nsd.out"), port);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!sh("/usr/bin/dig", "@127.0.0.1", "-p", String.valueOf(port), "+short", "www.good").contains("192.0.2.7")) {
      Assumptions.assumeTrue(System.nanoTime() < until, "NSD did not answer: " + nsd.output());
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() {
    if (nsd != null) {
      nsd.close();
    }
  }

  private static String[] keygen(String zone) throws Exception {
    String ksk = sh("/usr/bin/ldns-keygen", "-a", "ECDSAP256SHA256", "-k", zone).trim();
    String zsk = sh("/usr/bin/ldns-keygen", "-a", "ECDSAP256SHA256", zone).trim();
    return new String[] {ksk, zsk};
  }

  private static void sign(String file, String text, String[] keys, List<String> options) throws Exception {
    Files.writeString(dir.resolve(file + ".zone"), text);
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/ldns-signzone"));
    cmd.addAll(options);
    cmd.addAll(List.of("-f", file + ".zone.signed", file + ".zone", keys[0], keys[1]));
    sh(cmd.toArray(String[]::new));
  }

  @Test
  void traceEndsWithDigsAnswer() throws Exception {
    String p = String.valueOf(port);
    CliTest.Run ours = CliTest.run(client, "dig", "+trace", "@127.0.0.1", "-p", p, "www.good");
    String theirs = sh("/usr/bin/dig", "-4", "+trace", "+nodnssec", "@127.0.0.1", "-p", p, "www.good");
    assertThat(ours.exit()).as(ours.out() + ours.err()).isZero();
    assertThat(ours.out()).startsWith("; <<>> netprobe dig <<>> +trace @127.0.0.1 -p " + p + " www.good\n");
    String answer = "www.good.\t\t300\tIN\tA\t192.0.2.7";
    assertThat(theirs).contains(answer);
    assertThat(ours.out()).contains(answer).contains(";; Received ").contains(" bytes from 127.0.0.1#" + p);
    CliTest.Run json = CliTest.run(client, "dig", "--json", "+trace", "--root", "127.0.0.1", "-p", p, "www.good");
    assertThat(json.json().at("/answer/answers/0/data").asText()).isEqualTo("192.0.2.7");
  }

  /** dig's +short lines with the round trip, which differs from run to run, left out. */
  private static String ms(String shortText) {
    return shortText.replaceAll(" in \\d+ ms\\.", " in N ms.");
  }

  @Test
  void shortFormsPrintWhatDigAndDelvPrint() throws Exception {
    String p = String.valueOf(port);
    // dig +trace +short prints each step's answers: the priming NS query to @server (which netprobe's trace, starting
    // from the root servers themselves, does not make), then the final answer
    String digTrace = ms(sh("/usr/bin/dig", "-4", "+trace", "+short", "+nodnssec", "@127.0.0.1", "-p", p, "www.good"));
    CliTest.Run trace = CliTest.run(client, "dig", "+trace", "+short", "@127.0.0.1", "-p", p, "www.good");
    assertThat(trace.exit()).as(trace.out() + trace.err()).isZero();
    assertThat(ms(trace.out())).isEqualTo("A 192.0.2.7 from server 127.0.0.1 in N ms.\n");
    assertThat(digTrace).endsWith("\n" + ms(trace.out()));

    String digIdentify = ms(sh("/usr/bin/dig", "+short", "+identify", "@127.0.0.1", "-p", p, "www.good"));
    CliTest.Run fanOut = CliTest.run(client, "dig", "+short", "@127.0.0.1", "@localhost", "-p", p, "www.good");
    assertThat(fanOut.exit()).as(fanOut.out() + fanOut.err()).isZero();
    assertThat(ms(fanOut.out())).isEqualTo(digIdentify + digIdentify);

    String delvShort = sh("/usr/bin/delv", "+short", "@127.0.0.1", "-p", p, "-a", delvAnchor.toString(), "www.good");
    assertThat(delvShort).isEqualTo("192.0.2.7\n");
    assertThat(CliTest.run(client, "delv", "+short", "@127.0.0.1", "-p", p, "-a", anchor.toString(), "www.good").out())
        .isEqualTo(delvShort);
    assertThat(CliTest.run(client, "dig", "+validate", "+short", "--trust-anchor", anchor.toString(), "@127.0.0.1",
        "-p", p, "www.good").out()).isEqualTo(delvShort);

    String delvBogus = sh("/usr/bin/delv", "+short", "@127.0.0.1", "-p", p, "-a", delvAnchor.toString(), "www.stale");
    CliTest.Run bogus = CliTest.run(client, "delv", "+short", "@127.0.0.1", "-p", p, "-a", anchor.toString(),
        "www.stale");
    assertThat(delvBogus).contains(";; resolution failed: ").doesNotContain("192.0.2.7");
    assertThat(bogus.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(bogus.out()).isEmpty();
    assertThat(bogus.err()).startsWith(";; resolution failed: RRSIG has expired: stale./DNSKEY");
  }

  @Test
  void delvAndValidateAgreeWithDelv() throws Exception {
    String p = String.valueOf(port);
    String theirs = sh("/usr/bin/delv", "@127.0.0.1", "-p", p, "-a", delvAnchor.toString(), "www.good");
    CliTest.Run ours = CliTest.run(client, "delv", "@127.0.0.1", "-p", p, "-a", anchor.toString(), "www.good");
    assertThat(ours.exit()).as(ours.out() + ours.err()).isZero();
    assertThat(firstLine(ours.out())).isEqualTo(firstLine(theirs)).isEqualTo("; fully validated");
    CliTest.Run dig = CliTest.run(client, "dig", "+validate", "--trust-anchor", anchor.toString(), "@127.0.0.1", "-p",
        p, "www.good");
    assertThat(dig.out()).contains("\n; fully validated\n");
  }

  @Test
  void anExpiredSignatureIsNamedAsDelvNamesIt() throws Exception {
    String p = String.valueOf(port);
    String theirs = sh("/usr/bin/delv", "@127.0.0.1", "-p", p, "-a", delvAnchor.toString(), "www.stale");
    CliTest.Run ours = CliTest.run(client, "delv", "@127.0.0.1", "-p", p, "-a", anchor.toString(), "www.stale");
    assertThat(theirs).contains("stale/DNSKEY").contains("RRSIG has expired");
    assertThat(ours.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(ours.out()).contains("; validation failed (bogus)")
        .contains("; reason: RRSIG has expired: stale./DNSKEY in zone stale.");
    CliTest.Run json = CliTest.run(client, "delv", "--json", "@127.0.0.1", "-p", p, "-a", anchor.toString(),
        "www.stale");
    assertThat(json.json().at("/problem/kind").asText()).isEqualTo("SIGNATURE_EXPIRED");
    assertThat(json.json().at("/problem/zone").asText()).isEqualTo("stale.");
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  static String sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish: " + out);
    }
    return out;
  }
}
