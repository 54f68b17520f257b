package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakePingBackend;
import io.netprobe.testing.FakeSocketTableBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import io.netprobe.testing.FakeTracerouteBackend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Every subcommand against fakes (and TCP against a real loopback listener): classic text, JSON that parses, and
 * exit codes 0 healthy, 1 probe failed, 2 usage error.
 */
class CliTest {
  static final String SITE = "quizai.juwonpark.me";
  static final String URL = "https://" + SITE + "/";
  static final ObjectMapper JSON = new ObjectMapper();

  final FakeDnsBackend dns = new FakeDnsBackend().address(SITE, "172.67.152.70", "104.21.12.115")
      .fail("gone.example", FailureKind.NAME_NOT_FOUND);
  final FakeHttpBackend http = new FakeHttpBackend()
      .respond("https://google.com/", 301, "location", "https://www.google.com/")
      .respond("https://www.google.com/", 200, "server", "gws")
      .respond(URL, 200, "server", "cloudflare", "cf-ray", "8f1c2d3e4a5b6c7d-ICN", "cf-cache-status", "DYNAMIC",
          "set-cookie", "csrftoken=s3cr3t; Path=/")
      .respond("https://down.example/", 503, "server", "nginx");
  final FakePingBackend ping = new FakePingBackend().reply("8.8.8.8", Duration.ofMillis(28))
      .reply("1.1.1.1", Duration.ofMillis(9)).reply("172.67.152.70", Duration.ofMillis(12))
      .fail("10.9.9.9", FailureKind.HOST_UNREACHABLE);
  final FakeTracerouteBackend trace = new FakeTracerouteBackend()
      .route("8.8.8.8", "10.0.0.1", null, "142.250.1.1", "8.8.8.8");
  final FakeSocketTableBackend sockets = new FakeSocketTableBackend().tcp("0.0.0.0", 8000, "python", 812)
      .tcp("127.0.0.1", 3306, "mariadbd", 455);
  // every capability faked, TCP included: no probe of these tests may leave the JVM
  final ProbeClient client = Probes.builder().backend(dns).backend(http).backend(ping).backend(trace)
      .backend(sockets).backend(new FakeTcpConnectBackend())
      .backend(new io.netprobe.testing.FakeGrpcHealthBackend().status("127.0.0.1", 50051, "",
          io.netprobe.grpc.GrpcServingStatus.SERVING)).build();

  record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out, e);
      }
    }
  }

  Run run(String... args) {
    return run(client, args);
  }

  static Run run(ProbeClient client, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Netprobe.commandLine(client, Locale.ENGLISH, new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void pingPrintsLikePingAndExitsByReplies() {
    Run ok = run("ping", "-c", "2", "-i", "0.2", "8.8.8.8");
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).contains("PING 8.8.8.8 (8.8.8.8) 56(84) bytes of data.")
        .contains("64 bytes from 8.8.8.8: icmp_seq=1 ttl=64 time=28.000 ms")
        .contains("2 packets transmitted, 2 received, 0% packet loss")
        .contains("rtt min/avg/max/mdev = 28.000/28.000/28.000/0.000 ms");

    Run json = run("ping", "--json", "-c", "2", "-i", "0.2", "8.8.8.8");
    assertThat(json.json().get("received").asInt()).isEqualTo(2);

    Run unreachable = run("ping", "--json", "-c", "1", "10.9.9.9");
    assertThat(unreachable.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(unreachable.json().at("/failure/kind").asText()).isEqualTo("HOST_UNREACHABLE");
  }

  @Test
  void aPingThatMayNotOpenItsSocketPrintsOnlyTheErrorAndExitsTwoLikeIputils() {
    ProbeClient denied = Probes.builder().backend(new FakePingBackend().fail("192.0.2.7", FailureKind.PERMISSION_DENIED))
        .build();
    Run r = run(denied, "ping", "-c", "1", "192.0.2.7");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("ping: PERMISSION_DENIED: scripted PERMISSION_DENIED: no echo request was sent\n");
  }

  @Test
  void aJsonPingThatMayNotOpenItsSocketExitsTwoToo() {
    ProbeClient denied = Probes.builder().backend(new FakePingBackend().fail("192.0.2.7", FailureKind.PERMISSION_DENIED))
        .build();
    Run r = run(denied, "ping", "--json", "-c", "1", "192.0.2.7");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.json().at("/failure/kind").asText()).isEqualTo("PERMISSION_DENIED");
    assertThat(r.json().at("/transmitted").asInt()).isZero();
  }

  @Test
  void pingSweepsSeveralHostsLikeFpingAndExitsZeroOnlyWhenAllAnswer() {
    Run all = run("ping", "8.8.8.8", "1.1.1.1");
    assertThat(all.exit()).isZero();
    assertThat(all.out()).isEqualTo("8.8.8.8 is alive\n1.1.1.1 is alive\n");

    Run some = run("ping", "8.8.8.8", "10.9.9.9", "192.0.2.44");
    assertThat(some.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(some.out()).isEqualTo("8.8.8.8 is alive\n10.9.9.9 is unreachable\n192.0.2.44 is unreachable\n");

    Run json = run("ping", "--json", "-c", "2", "8.8.8.8", "10.9.9.9");
    assertThat(json.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(json.json().get("results")).hasSize(2);
    assertThat(json.json().at("/results/0/received").asInt()).isEqualTo(2);
    assertThat(json.json().at("/results/1/failure/kind").asText()).isEqualTo("HOST_UNREACHABLE");
    assertThat(json.json().at("/spec/count").asInt()).isEqualTo(2);
    assertThat(run("ping", "8.8.8.8", "bad..host").exit()).isEqualTo(Netprobe.USAGE);
  }

  @Test
  void tracerouteListsHopsAsTheyArrive() {
    Run text = run("traceroute", "8.8.8.8");
    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains("traceroute to 8.8.8.8 (8.8.8.8), 30 hops max, 60 byte packets\n")
        .contains(" 1  10.0.0.1  1.000 ms  1.000 ms  1.000 ms").contains(" 2  * * *")
        .contains(" 4  8.8.8.8  4.000 ms");

    Run json = run("traceroute", "--json", "8.8.8.8");
    assertThat(json.json().get("hops")).hasSize(4);
    assertThat(json.json().get("reached").asBoolean()).isTrue();
    assertThat(run("traceroute", "--json", "192.0.2.1").exit()).isEqualTo(Netprobe.PROBE_FAILED);
  }

  @Test
  void headPrintsStatusLinesAndHeadersLikeCurlWithSecretsRedacted() {
    Run follow = run("head", "-L", "https://google.com");
    assertThat(follow.exit()).isZero();
    assertThat(follow.out()).contains("HTTP/2 301\nlocation: https://www.google.com/\n\nHTTP/2 200\nserver: gws\n");

    Run site = run("head", URL);
    assertThat(site.out()).contains("server: cloudflare").contains("set-cookie: csrftoken=<redacted>; Path=/")
        .doesNotContain("s3cr3t");

    Run json = run("head", "--json", URL);
    assertThat(json.exit()).isZero();
    assertThat(json.json().at("/hops/0/status").asInt()).isEqualTo(200);
    assertThat(json.out()).doesNotContain("s3cr3t");

    assertThat(json.json().at("/spec/tlsImplementation").asText()).isEqualTo("AUTO");
    assertThat(run("head", "--json", "--tls", "jdk", URL).json().at("/spec/tlsImplementation").asText())
        .isEqualTo("JDK");

    assertThat(run("head", "--json", "https://down.example/").exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(run("head", "--json", "https://refused.example/").exit()).isEqualTo(Netprobe.PROBE_FAILED);
  }

  @Test
  void digsFirstLineRepeatsTheWholeCommandLineAndSeveralServersAreAFanOut() {
    Run one = run("dig", "-p", "5353", "@192.0.2.53", SITE);
    assertThat(one.out()).startsWith("; <<>> netprobe dig <<>> -p 5353 @192.0.2.53 " + SITE + "\n");
    assertThat(dns.received()).anyMatch(q -> q.servers().size() == 1 && q.servers().get(0).getPort() == 5353);

    dns.recordsAt("192.0.2.1", "moved.example", io.netprobe.dns.RecordType.A, "198.51.100.1")
        .recordsAt("192.0.2.2", "moved.example", io.netprobe.dns.RecordType.A, "198.51.100.2");
    Run fanOut = run("dig", "@192.0.2.1", "@192.0.2.2", "moved.example");
    assertThat(fanOut.exit()).isZero();
    assertThat(fanOut.out()).startsWith("; <<>> netprobe dig <<>> @192.0.2.1 @192.0.2.2 moved.example\n")
        .contains(";; 192.0.2.1: status: NOERROR\nmoved.example.\t\t300\tIN\tA\t198.51.100.1\n")
        .contains("192.0.2.1 and 192.0.2.2 disagree on moved.example A");
    Run json = run("dig", "--json", "@192.0.2.1", "@192.0.2.2", "moved.example");
    assertThat(json.json().get("results")).hasSize(2);
    assertThat(json.exit()).isEqualTo(fanOut.exit());
  }

  @Test
  void digTraceAndValidateOptionsMustBeAskedForTogetherWithTheirMode() {
    Run root = run("dig", "--root", "127.0.0.1", SITE);
    assertThat(root.exit()).isEqualTo(Netprobe.USAGE);
    assertThat(root.err()).contains("--root names the root servers of a +trace");
    Run anchor = run("dig", "--trust-anchor", "/tmp/none.key", SITE);
    assertThat(anchor.exit()).isEqualTo(Netprobe.USAGE);
    assertThat(run("dig", "+trace", "+validate", SITE).exit()).isEqualTo(Netprobe.USAGE);
    assertThat(run("dig", "+trace", "@not an ip", SITE).exit()).isEqualTo(Netprobe.USAGE);
    Run validate = run("dig", "+validate", SITE);
    assertThat(validate.exit()).as("the fake cannot validate: a failed probe, not a usage error")
        .isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(validate.out()).contains("; not validated").contains("UNSUPPORTED_PLATFORM");
    Run delv = run("delv", "--json", SITE);
    assertThat(delv.json().at("/failure/kind").asText()).isEqualTo("UNSUPPORTED_PLATFORM");
  }

  @Test
  void digPrintsDigsSections() {
    Run ok = run("dig", SITE);
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR")
        .contains(";; QUESTION SECTION:\n;quizai.juwonpark.me.\t\tIN\tA")
        .contains(";; ANSWER SECTION:\nquizai.juwonpark.me.\t300\tIN\tA\t172.67.152.70\n"
            + "quizai.juwonpark.me.\t300\tIN\tA\t104.21.12.115");
    assertThat(run("dig", "+short", SITE).out()).isEqualTo("172.67.152.70\n104.21.12.115\n");

    Run nx = run("dig", "--json", "gone.example");
    assertThat(nx.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(nx.json().at("/header/rcode").asText()).isEqualTo("NXDOMAIN");
    assertThat(run("dig", "@1.1.1.1", SITE, "MX", "+tcp").exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(dns.received()).anyMatch(q -> q.forceTcp() && q.type().mnemonic().equals("MX")
        && q.servers().get(0).getPort() == 53);
  }

  @Test
  void ssListsListenersWithExposure() {
    Run text = run("ss", "-tlnp");
    assertThat(text.exit()).isZero();
    assertThat(text.out()).contains("Local Address:Port")
        .containsPattern("tcp\\s+LISTEN\\s+0\\s+4096\\s+0\\.0\\.0\\.0:8000\\s+0\\.0\\.0\\.0:\\*\\s+anywhere\\s+"
            + "users:\\(\\(\"python\",pid=812,fd=3\\)\\)")
        .containsPattern("127\\.0\\.0\\.1:3306\\s+0\\.0\\.0\\.0:\\*\\s+local");

    Run json = run("ss", "--json", "--port", "3306");
    assertThat(json.json().get("sockets")).hasSize(1);
    assertThat(json.json().at("/sockets/0/exposure").asText()).isEqualTo("LOOPBACK");
  }

  @Test
  void tcpConnectsForRealOnLoopbackAndSweeps() throws IOException {
    ProbeClient real = Probes.builder().build(); // the NIO TCP backend from netprobe-sockets
    int closedPort;
    try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      closedPort = closed.getLocalPort();
    }
    try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int openPort = open.getLocalPort();

      Run ok = run(real, "tcp", "127.0.0.1", String.valueOf(openPort));
      assertThat(ok.exit()).isZero();
      assertThat(ok.out()).startsWith("Connection to 127.0.0.1 (127.0.0.1) " + openPort + " port [tcp] succeeded!");

      Run refused = run(real, "tcp", "--json", "127.0.0.1", String.valueOf(closedPort));
      assertThat(refused.exit()).isEqualTo(Netprobe.PROBE_FAILED);
      assertThat(refused.json().at("/failure/kind").asText()).isEqualTo("CONNECTION_REFUSED");

      Run sweep = run(real, "tcp", "--json", "--progress", "127.0.0.1", openPort + "," + closedPort);
      assertThat(sweep.exit()).isZero();
      assertThat(sweep.json()).hasSize(2);
      assertThat(sweep.err()).contains("2/2 1 open");

      Run text = run(real, "tcp", "--no-progress", "127.0.0.1", openPort + "," + closedPort);
      assertThat(text.out()).endsWith("1 of 2 ports open on 127.0.0.1\n");
      assertThat(text.err()).isEmpty();

      Run fromSource = run(real, "tcp", "--json", "--source", "127.0.0.3", "127.0.0.1", String.valueOf(openPort));
      assertThat(fromSource.exit()).isZero();
      assertThat(fromSource.json().at("/local").asText()).startsWith("127.0.0.3:");
      Run notOurs = run(real, "tcp", "--json", "-s", "192.0.2.9", "127.0.0.1", String.valueOf(openPort));
      assertThat(notOurs.exit()).isEqualTo(Netprobe.PROBE_FAILED);
      assertThat(notOurs.json().at("/failure/message").asText()).contains("192.0.2.9").contains("no such address");
      Run named = run(real, "tcp", "--source", "localhost", "127.0.0.1", String.valueOf(openPort));
      assertThat(named.exit()).isEqualTo(Netprobe.USAGE);
      assertThat(named.err()).contains("--source: no interface or address \"localhost\"");
    }
  }

  @Test
  void diagnoseReportsAndExitsByVerdict() {
    Run ok = run("diagnose", URL, "--dns-server", "127.0.0.1", "--ports", "8000,3306", "--timeout", "3");
    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("Verdict: OK").contains("client → Cloudflare edge (colo ICN) → origin (Django)")
        .contains("tcp 0.0.0.0:8000 python(pid=812): reachable on every interface");

    Run korean = run("diagnose", URL, "--dns-server", "127.0.0.1", "--lang", "ko", "--timeout", "3");
    assertThat(korean.out()).contains("판정: 정상").contains("경로: 클라이언트 → Cloudflare 엣지 (ICN) → 오리진 (Django)");

    Run json = run("diagnose", "--json", URL, "--dns-server", "127.0.0.1:53", "--timeout", "3");
    JsonNode verdict = json.json().get("verdict");
    assertThat(verdict.get("category").asText()).isEqualTo("OK");
    assertThat(json.json().get("layers")).isNotEmpty();
    assertThat(json.out()).doesNotContain("s3cr3t");

    Run nx = run("diagnose", "--json", "https://gone.example/", "--dns-server", "127.0.0.1", "--timeout", "3");
    assertThat(nx.exit()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(nx.json().at("/verdict/category").asText()).isEqualTo("DNS");
    assertThat(nx.json().at("/verdict/finding").asText()).isEqualTo("NXDOMAIN");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("ping").exit()).isEqualTo(Netprobe.USAGE);
    assertThat(run("ping", "--bogus", "8.8.8.8").exit()).isEqualTo(Netprobe.USAGE);
    assertThat(run("nosuchcommand").exit()).isEqualTo(Netprobe.USAGE);
    assertThat(run().exit()).isEqualTo(Netprobe.USAGE);

    Run badHost = run("ping", "bad..host");
    assertThat(badHost.exit()).isEqualTo(Netprobe.USAGE);
    assertThat(badHost.err()).contains("Invalid host \"bad..host\"");
    assertThat(run("tcp", "127.0.0.1", "0").exit()).isEqualTo(Netprobe.USAGE);
    assertThat(run("head", "ftp://example.com").exit()).isEqualTo(Netprobe.USAGE);
    Run badTls = run("head", "--tls", "openssl", URL);
    assertThat(badTls.exit()).isEqualTo(Netprobe.USAGE);
    assertThat(badTls.err()).contains("--tls must be auto, conscrypt or jdk, was \"openssl\"");
    assertThat(run("dig", SITE, "+frobnicate").exit()).isEqualTo(Netprobe.USAGE);
    assertThat(run("diagnose", URL, "--origin", "not-an-ip").exit()).isEqualTo(Netprobe.USAGE);
    assertThat(run("diagnose", URL, "--lang", "fr").exit()).isEqualTo(Netprobe.USAGE);
    assertThat(run("--help").exit()).isZero();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"ping", "traceroute", "head", "dig", "ss", "tcp", "diagnose",
      "demo"})
  void everySubcommandPrintsHelpForDashHAndExitsZero(String command) {
    Run help = run(command, "-h");
    assertThat(help.exit()).as(help.err()).isZero();
    assertThat(help.out()).contains("Usage: netprobe " + command);
    assertThat(help.err()).isEmpty();
  }

  @Test
  void usageErrorsAreOneLineNamingTheProblemAndHelp() {
    for (String[] args : new String[][] {{"ping"}, {"ping", "-c", "many", "8.8.8.8"}, {"head", "--bogus", URL},
        {"tcp", SITE}, {"frobnicate"}}) {
      Run r = run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
      assertThat(r.err()).contains("-h'");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void digDashXOfSomethingElseThanAnAddressIsAUsageErrorBeforeAnyQuery() {
    Run r = run("dig", "-x", "not-an-ip");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("-x takes an IP address").contains("not-an-ip");
    assertThat(dns.received()).isEmpty();
  }
}
