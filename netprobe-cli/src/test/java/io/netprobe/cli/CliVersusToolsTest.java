package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.spi.Backend;
import io.netprobe.spi.DnsBackend;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.SocketTableBackend;
import io.netprobe.testing.site.LocalDnsServer;
import io.netprobe.testing.site.LocalSite;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's text next to the classic tool's, on the same loopback targets (the demo's servers): dig's answer
 * section, curl -I's status lines, ss's local addresses. Skips where a tool or a backend is missing.
 */
class CliVersusToolsTest {
  static final String HOST = "quizai.juwonpark.me";
  static final ProbeClient CLIENT = Probes.builder().build();
  static LocalDnsServer dns;
  static LocalSite site;
  static AutoCloseable trust;
  @TempDir static Path dir;
  static Path pem;

  @BeforeAll
  static void start() throws Exception {
    site = LocalSite.cloudflareInFrontOfDjango(HOST).zone("juwonpark.me").start();
    dns = site.dns();
    trust = site.certificate().trustInThisProcess();
    pem = dir.resolve("demo.pem");
    Files.writeString(pem, site.certificate().pem());
  }

  @AfterAll
  static void stop() throws Exception {
    trust.close();
    site.close();
  }

  static void assumeBackend(Class<? extends Backend> type) {
    try {
      CLIENT.backend(type);
    } catch (IllegalStateException missing) {
      Assumptions.abort("backend not on the class path yet: " + type.getSimpleName());
    }
  }

  static String tool(String... command) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of(command[0])), command[0] + " is not installed");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
  }

  static List<String> lines(String text, String regex) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    while (m.find()) {
      out.add(m.group().replaceAll("\\s+", " ").trim());
    }
    return out;
  }

  @Test
  void digAnswersMatch() throws Exception {
    assumeBackend(DnsBackend.class);
    String port = String.valueOf(dns.address().getPort());
    for (String type : List.of("A", "AAAA")) {
      String ours = CliTest.run(CLIENT, "dig", "@127.0.0.1", "-p", port, HOST, type).out();
      String theirs = tool("/usr/bin/dig", "@127.0.0.1", "-p", port, HOST, type);
      String record = "^" + Pattern.quote(HOST) + "\\.\\s+\\d+\\s+IN\\s+\\S+\\s+.*$";
      String soa = "^juwonpark\\.me\\.\\s+\\d+\\s+IN\\s+SOA\\s+.*$";
      assertThat(lines(ours, record)).as(ours).isEqualTo(lines(theirs, record));
      assertThat(lines(ours, soa)).isEqualTo(lines(theirs, soa));
      assertThat(lines(ours, "status: \\w+")).isEqualTo(lines(theirs, "status: \\w+"));
    }
  }

  @Test
  void headStatusLinesMatchCurl() throws Exception {
    assumeBackend(HttpBackend.class);
    int http = site.httpAddress().getPort();
    int https = site.httpsAddress().getPort();
    String ours = CliTest.run(CLIENT, "head", "-L", "--resolve", HOST + ":" + http + ":127.0.0.1", site.url()).out();
    String theirs = tool("/usr/bin/curl", "-sS", "-IL", "--http1.1", "--cacert", pem.toString(), "--resolve",
        HOST + ":" + http + ":127.0.0.1", "--resolve", HOST + ":" + https + ":127.0.0.1", site.url());
    String status = "^HTTP/\\S+ \\d{3}";
    assertThat(lines(ours, status)).as(ours).isEqualTo(lines(theirs, status))
        .containsExactly("HTTP/1.1 301", "HTTP/1.1 302", "HTTP/1.1 200");
  }

  @Test
  void ssShowsTheSameListenersAsSs() throws Exception {
    assumeBackend(SocketTableBackend.class);
    try (ServerSocket loopback = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(loopback.getLocalPort());
      String ours = CliTest.run(CLIENT, "ss", "-tln", "--port", port).out();
      String theirs = tool("/usr/bin/ss", "-tlnH", "sport = :" + port);
      String local = "\\S+:" + port + "(?=\\s)";
      assertThat(lines(ours, local)).as(ours).isEqualTo(lines(theirs, local)).hasSize(1);
      assertThat(Arrays.asList(ours.split("\n"))).anyMatch(l -> l.contains("127.0.0.1") && l.contains(port)
          && l.contains("local"));
    }
  }

  @Test
  void tracerouteHopLinesMatchTracerouteWithAndWithoutNames() throws Exception {
    assumeBackend(io.netprobe.spi.TracerouteBackend.class);
    // 127.0.0.1's name comes from /etc/hosts: the lookup with names on never leaves the machine
    Assumptions.assumeTrue(Files.readAllLines(Path.of("/etc/hosts")).stream()
        .anyMatch(l -> l.trim().startsWith("127.0.0.1")), "/etc/hosts does not name 127.0.0.1");
    String hop = "^\\s*1\\s+\\S+( \\([0-9.]+\\))?(?=\\s)";
    for (boolean names : List.of(false, true)) {
      List<String> args = new ArrayList<>(List.of("traceroute", "-m", "1", "-q", "1", "-w", "1"));
      List<String> tool = new ArrayList<>(List.of("/usr/sbin/traceroute", "-m", "1", "-q", "1", "-w", "1"));
      if (names) {
        args.add("--names");
      } else {
        tool.add("-n");
      }
      args.add("127.0.0.1");
      tool.add("127.0.0.1");
      if (!Files.isExecutable(Path.of(tool.get(0)))) {
        tool.set(0, "/usr/bin/traceroute");
      }
      String ours = CliTest.run(CLIENT, args.toArray(String[]::new)).out();
      String theirs = tool(tool.toArray(String[]::new));
      assertThat(lines(ours, hop)).as("names %s:%n%s%n%s", names, ours, theirs).isEqualTo(lines(theirs, hop))
          .hasSize(1);
      assertThat(ours.lines().findFirst()).as("the first line").isEqualTo(theirs.lines().findFirst())
          .contains("traceroute to 127.0.0.1 (127.0.0.1), 1 hops max, 60 byte packets");
    }
  }

  @Test
  void tracerouteFirstLineForANameAndForIpv6IsTraceroutes() throws Exception {
    assumeBackend(io.netprobe.spi.TracerouteBackend.class);
    String traceroute = Files.isExecutable(Path.of("/usr/sbin/traceroute")) ? "/usr/sbin/traceroute"
        : "/usr/bin/traceroute";
    Assumptions.assumeTrue(Files.isExecutable(Path.of(traceroute)), "traceroute is not installed");
    for (String target : List.of("::1", "0:0:0:0:0:0:0:1", "localhost")) {
      String ours = CliTest.run(CLIENT, "traceroute", "-m", "1", "-q", "1", "-w", "1", target).out();
      String theirs = tool(traceroute, "-n", "-m", "1", "-q", "1", "-w", "1", target);
      assertThat(ours.lines().findFirst()).as(target).isEqualTo(theirs.lines().findFirst());
    }
  }
}
