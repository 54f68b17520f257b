package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IP preference and fallback (blackbox's preferred_ip_protocol / ip_protocol_fallback) through the <em>system</em>
 * resolver, against a real zone: a network namespace of the test's own whose resolv.conf ({@code ip netns exec}
 * mounts /etc/netns/NAME/ over /etc) points at NSD on the namespace's 127.0.0.1 and ::1, port 53, serving
 * {@value #ZONE} with a name that has only an A record, one with only AAAA and one with both. nginx in the namespace
 * answers {@code v4} on 127.0.0.1:80 and {@code v6} on [::1]:80. netprobe runs in a child JVM inside the namespace
 * ({@link InNamespaceProbes}: all command lines in one JVM), curl -4/-6 beside it. Root only (skips otherwise);
 * namespace, daemons and /etc/netns/NAME are removed afterwards; no packet leaves the namespace.
 */
class IpPreferenceNamespaceIT {
  static final String ZONE = "pref.test";
  static final String V4_ONLY = "v4only." + ZONE;
  static final String V6_ONLY = "v6only." + ZONE;
  static final String BOTH = "both." + ZONE;
  static final Path NSD = Path.of("/usr/sbin/nsd");
  static final Path NGINX = Path.of("/usr/sbin/nginx");
  static final ObjectMapper JSON = new ObjectMapper();
  /** The namespace is the test's own: a fixed port cannot collide. */
  static final int GRPC_PORT = 50051;

  @TempDir static Path dir;
  static String namespace;
  static Path etc;
  static boolean madeNetnsDir;
  static Process nsd;
  static Process nginx;
  /** What the child JVM printed for each command line of {@link #COMMANDS}, in order. */
  static List<Answer> answers;

  record Answer(int exit, String text) {
    JsonNode json() {
      try {
        return JSON.readTree(text.substring(0, text.lastIndexOf('}') + 1));
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }
  }

  static final List<List<String>> COMMANDS = List.of(
      List.of("tcp", V4_ONLY, "80", "--prefer", "ip6", "--json"),
      List.of("tcp", V6_ONLY, "80", "--prefer", "ip4", "--json"),
      List.of("tcp", BOTH, "80", "--prefer", "ip6", "--json"),
      List.of("tcp", BOTH, "80", "--prefer", "ip4", "--json"),
      List.of("api-tcp-only", "ip6", V4_ONLY, "80"),
      List.of("api-tcp-only", "ip4", V6_ONLY, "80"),
      List.of("head", "--json", "--prefer", "ip6", "http://" + V4_ONLY + "/"),
      List.of("head", "--json", "--prefer", "ip4", "http://" + V6_ONLY + "/"),
      List.of("head", "--json", "--prefer", "ip6", "http://" + BOTH + "/"),
      List.of("head", "--json", "--prefer", "ip4", "http://" + BOTH + "/"),
      List.of("head", "--json", "-6", "http://" + V4_ONLY + "/"),
      List.of("head", "--json", "-4", "http://" + V6_ONLY + "/"),
      // 12-: ping, traceroute, mtr and gRPC with -4/-6/--prefer (#15)
      List.of("ping", "-c", "1", "-W", "1", "--json", "--prefer", "ip6", V4_ONLY),
      List.of("ping", "-c", "1", "-W", "1", "--json", "--prefer", "ip4", V6_ONLY),
      List.of("ping", "-c", "1", "-W", "1", "--json", "-6", BOTH),
      List.of("ping", "-c", "1", "-W", "1", "--json", "-4", BOTH),
      List.of("ping", "-c", "1", "-W", "1", "-6", V4_ONLY),
      List.of("ping", "-c", "1", "-W", "1", "-4", V6_ONLY),
      List.of("traceroute", "-q", "1", "-w", "1", "--json", "-6", BOTH),
      List.of("traceroute", "-q", "1", "-w", "1", "--json", "-4", BOTH),
      List.of("traceroute", "-q", "1", "-w", "1", "--json", "-4", V6_ONLY),
      List.of("mtr", "-c", "1", "--json", "-6", BOTH),
      List.of("api-grpc-serve", String.valueOf(GRPC_PORT)),
      List.of("grpc", "-addr", BOTH + ":" + GRPC_PORT, "-6", "--json"),
      List.of("grpc", "-addr", BOTH + ":" + GRPC_PORT, "-4", "--json"),
      List.of("grpc", "-addr", V4_ONLY + ":" + GRPC_PORT, "--prefer", "ip6", "--json"),
      List.of("grpc", "-addr", V4_ONLY + ":" + GRPC_PORT, "-6", "--json"),
      // 27
      List.of("ping", "-c", "1", "-W", "1", "-6", BOTH));

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(io.netprobe.testing.Commands.isRoot(),
        "not root: cannot create a network namespace or /etc/netns");
    for (Path tool : List.of(Path.of("/usr/sbin/ip"), NSD, NGINX, Path.of("/usr/bin/curl"), Path.of("/usr/bin/dig"))) {
      Assumptions.assumeTrue(Files.isExecutable(tool), tool + " is not installed");
    }
    namespace = "np-pref-" + ProcessHandle.current().pid();
    etc = Path.of("/etc/netns", namespace);
    run("ip", "netns", "add", namespace);
    inside("ip", "link", "set", "lo", "up");
    // glibc's AI_ADDRCONFIG ignores loopback: a link (a veth pair with both ends here; containers often lack the
    // dummy driver) gives the namespace a non-loopback address of each family
    inside("ip", "link", "add", "pref0", "type", "veth", "peer", "name", "pref1");
    inside("ip", "addr", "add", "10.254.10.1/24", "dev", "pref0");
    inside("ip", "addr", "add", "fd54:10::1/64", "dev", "pref0", "nodad");
    inside("ip", "link", "set", "pref0", "up");
    inside("ip", "link", "set", "pref1", "up");
    madeNetnsDir = !Files.exists(etc.getParent());
    Files.createDirectories(etc);
    Files.writeString(etc.resolve("resolv.conf"), "nameserver 127.0.0.1\nnameserver ::1\noptions timeout:1 attempts:2\n");
    Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost\n");
    Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
    Files.writeString(dir.resolve(ZONE + ".zone"), String.join("\n",
        "$ORIGIN " + ZONE + ".",
        "$TTL 300",
        "@ IN SOA ns1 hostmaster 2026120601 7200 3600 1209600 300",
        "@ IN NS ns1",
        "ns1 IN A 127.0.0.1",
        "v4only IN A 127.0.0.1",
        "v6only IN AAAA ::1",
        "both IN A 127.0.0.1",
        "both IN AAAA ::1",
        ""));
    Files.writeString(dir.resolve("nsd.conf"), String.join("\n",
        "server:",
        "  ip-address: 127.0.0.1",
        "  ip-address: ::1",
        "  port: 53",
        "  username: \"\"",
        "  chroot: \"\"",
        "  zonesdir: \"" + dir + "\"",
        "  database: \"\"",
        "  zonelistfile: \"" + dir.resolve("zone.list") + "\"",
        "  pidfile: \"" + dir.resolve("nsd.pid") + "\"",
        "  xfrdfile: \"" + dir.resolve("xfrd.state") + "\"",
        "  xfrdir: \"" + dir + "\"",
        "  logfile: \"" + dir.resolve("nsd.log") + "\"",
        "  server-count: 1",
        "remote-control:",
        "  control-enable: no",
        "zone:",
        "  name: " + ZONE,
        "  zonefile: " + ZONE + ".zone",
        ""));
    String temp = Files.createDirectories(dir.resolve("nginx-temp")).toString();
    Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
        "daemon off;",
        "worker_processes 1;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("nginx-error.log") + ";",
        "events { worker_connections 64; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + temp + "; proxy_temp_path " + temp + "; fastcgi_temp_path " + temp + ";",
        "  uwsgi_temp_path " + temp + "; scgi_temp_path " + temp + ";",
        "  server { listen 127.0.0.1:80; add_header X-Family v4 always; location / { return 200 \"v4\\n\"; } }",
        "  server { listen [::1]:80; add_header X-Family v6 always; location / { return 200 \"v6\\n\"; } }",
        "}",
        ""));
    nsd = daemon(dir.resolve("nsd.out"), NSD.toString(), "-d", "-c", dir.resolve("nsd.conf").toString());
    nginx = daemon(dir.resolve("nginx.out"), NGINX.toString(), "-p", dir.toString(), "-c",
        dir.resolve("nginx.conf").toString());
    awaitReady();
    answers = probeInside();
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : new Process[] {nginx, nsd}) {
      if (p != null) {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
    if (namespace != null) {
      new ProcessBuilder("ip", "netns", "delete", namespace).redirectErrorStream(true).start().waitFor(10,
          TimeUnit.SECONDS);
    }
    if (etc != null && Files.exists(etc)) {
      try (Stream<Path> files = Files.walk(etc)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    if (madeNetnsDir && etc != null) {
      try (Stream<Path> left = Files.list(etc.getParent())) {
        if (left.findAny().isEmpty()) {
          Files.delete(etc.getParent());
        }
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        // another namespace's files arrived meanwhile: theirs to remove
      }
    }
  }

  @Test
  void preferIp6OnAnAOnlyNameFallsBackToIpv4() {
    JsonNode tcp = answers.get(0).json();
    assertThat(answers.get(0).exit()).as(answers.get(0).text()).isZero();
    assertThat(tcp.at("/address").asText()).isEqualTo("127.0.0.1");
    assertThat(tcp.at("/failure").isMissingNode() || tcp.at("/failure").isNull()).isTrue();

    Answer head = answers.get(6);
    assertThat(head.exit()).as(head.text()).isZero();
    assertReached(head, "127.0.0.1:80", "v4");
    // what the fallback reaches is what curl -4 reaches; curl -6 finds no IPv6 address to connect to
    assertThat(curl("-4", V4_ONLY)).isEqualTo("v4");
    assertNoAddressOfTheFamily(curlFailing("-6", V4_ONLY));
  }

  @Test
  void preferIp4OnAnAaaaOnlyNameFallsBackToIpv6() {
    JsonNode tcp = answers.get(1).json();
    assertThat(answers.get(1).exit()).as(answers.get(1).text()).isZero();
    assertThat(tcp.at("/address").asText()).isEqualTo("::1");

    Answer head = answers.get(7);
    assertThat(head.exit()).as(head.text()).isZero();
    assertReached(head, "[::1]:80", "v6");
    assertThat(curl("-6", V6_ONLY)).isEqualTo("v6");
    assertNoAddressOfTheFamily(curlFailing("-4", V6_ONLY));
  }

  @Test
  void aNameWithBothFamiliesHonoursThePreference() {
    assertThat(answers.get(2).json().at("/address").asText()).as(answers.get(2).text()).isEqualTo("::1");
    assertThat(answers.get(3).json().at("/address").asText()).as(answers.get(3).text()).isEqualTo("127.0.0.1");
    assertThat(answers.get(2).json().at("/addresses").size()).isEqualTo(2);
    assertReached(answers.get(8), "[::1]:80", "v6");
    assertReached(answers.get(9), "127.0.0.1:80", "v4");
    assertThat(curl("-6", BOTH)).isEqualTo("v6");
    assertThat(curl("-4", BOTH)).isEqualTo("v4");
  }

  @Test
  void aStrictPreferenceOnTheWrongFamilyFailsAsNameNotFound() {
    JsonNode v4Only = answers.get(4).json();
    assertThat(v4Only.at("/failure/kind").asText()).as(answers.get(4).text()).isEqualTo("NAME_NOT_FOUND");
    assertThat(v4Only.at("/failure/message").asText()).contains(V4_ONLY).contains("no IPv6 address");
    JsonNode v6Only = answers.get(5).json();
    assertThat(v6Only.at("/failure/kind").asText()).as(answers.get(5).text()).isEqualTo("NAME_NOT_FOUND");
    assertThat(v6Only.at("/failure/message").asText()).contains(V6_ONLY).contains("no IPv4 address");

    // curl -6 / -4 on the same names fail before any connect attempt too
    Answer head6 = answers.get(10);
    assertThat(head6.exit()).as(head6.text()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(head6.json().at("/failure/kind").asText()).isEqualTo("NAME_NOT_FOUND");
    assertThat(head6.json().at("/failure/message").asText()).contains("no IPv6 address");
    assertThat(head6.json().at("/hops").size()).isZero();
    assertNoAddressOfTheFamily(curlFailing("-6", V4_ONLY));
    Answer head4 = answers.get(11);
    assertThat(head4.exit()).as(head4.text()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(head4.json().at("/failure/kind").asText()).isEqualTo("NAME_NOT_FOUND");
    assertThat(head4.json().at("/failure/message").asText()).contains("no IPv4 address");
    assertThat(head4.json().at("/hops").size()).isZero();
    assertNoAddressOfTheFamily(curlFailing("-4", V6_ONLY));
  }

  @Test
  void pingTracerouteAndMtrChooseTheFamilyAsPingAndTracerouteDo() {
    assertThat(answers.get(12).json().at("/address").asText()).as(answers.get(12).text()).isEqualTo("127.0.0.1");
    assertThat(answers.get(12).exit()).isZero();
    assertThat(answers.get(13).json().at("/address").asText()).as(answers.get(13).text()).isEqualTo("::1");
    assertThat(answers.get(13).exit()).isZero();
    assertThat(answers.get(14).json().at("/address").asText()).as(answers.get(14).text()).isEqualTo("::1");
    assertThat(answers.get(15).json().at("/address").asText()).as(answers.get(15).text()).isEqualTo("127.0.0.1");
    // iputils ping picks the same address with -6 / -4
    assertThat(exec("ip", "netns", "exec", namespace, "ping", "-c", "1", "-W", "1", "-6", BOTH).out())
        .startsWith("PING " + BOTH).contains("(::1)").contains("1 received");
    assertThat(exec("ip", "netns", "exec", namespace, "ping", "-c", "1", "-W", "1", "-4", BOTH).out())
        .startsWith("PING ").contains("(127.0.0.1)").contains("1 received");
    // netprobe's text header names the same address as iputils'
    assertThat(answers.get(27).text()).as(answers.get(27).text()).contains("(::1)");

    // -6 on an A-only name, -4 on an AAAA-only name: no address of the family, as iputils ping says
    for (int i : new int[] {16, 17}) {
      assertThat(answers.get(i).exit()).as(answers.get(i).text()).isEqualTo(Netprobe.PROBE_FAILED);
      assertThat(answers.get(i).text()).contains(i == 16 ? "no IPv6 address" : "no IPv4 address");
    }
    Result ping6 = exec("ip", "netns", "exec", namespace, "ping", "-c", "1", "-W", "1", "-6", V4_ONLY);
    assertThat(ping6.exit()).as(ping6.out()).isEqualTo(2);
    Result ping4 = exec("ip", "netns", "exec", namespace, "ping", "-c", "1", "-W", "1", "-4", V6_ONLY);
    assertThat(ping4.exit()).as(ping4.out()).isEqualTo(2);

    JsonNode trace6 = answers.get(18).json();
    assertThat(trace6.at("/address").asText()).as(answers.get(18).text()).isEqualTo("::1");
    assertThat(answers.get(18).exit()).as(answers.get(18).text()).isZero();
    assertThat(answers.get(19).json().at("/address").asText()).as(answers.get(19).text()).isEqualTo("127.0.0.1");
    assertThat(answers.get(20).json().at("/failure/kind").asText()).as(answers.get(20).text())
        .isEqualTo("NAME_NOT_FOUND");
    assertThat(exec("ip", "netns", "exec", namespace, "traceroute", "-6", "-q", "1", "-w", "1", BOTH).out())
        .contains("traceroute to " + BOTH + " (::1)");
    assertThat(exec("ip", "netns", "exec", namespace, "traceroute", "-4", "-q", "1", "-w", "1", V6_ONLY).exit())
        .isNotZero();

    assertThat(answers.get(21).json().at("/address").asText()).as(answers.get(21).text()).isEqualTo("::1");
  }

  @Test
  void grpcHealthChecksTheAddressOfThePreferredFamily() {
    assertThat(answers.get(22).exit()).as(answers.get(22).text()).isZero();
    assertThat(answers.get(23).json().at("/remote").asText()).as(answers.get(23).text())
        .isEqualTo("[::1]:" + GRPC_PORT);
    assertThat(answers.get(23).json().at("/servingStatus").asText()).isEqualTo("SERVING");
    assertThat(answers.get(24).json().at("/remote").asText()).as(answers.get(24).text())
        .isEqualTo("127.0.0.1:" + GRPC_PORT);
    assertThat(answers.get(25).json().at("/remote").asText()).as(answers.get(25).text())
        .isEqualTo("127.0.0.1:" + GRPC_PORT);
    assertThat(answers.get(25).exit()).isZero();
    assertThat(answers.get(26).exit()).as(answers.get(26).text()).isEqualTo(Netprobe.PROBE_FAILED);
    assertThat(answers.get(26).json().at("/failure/kind").asText()).isEqualTo("NAME_NOT_FOUND");
    assertThat(answers.get(26).json().at("/failure/message").asText()).contains("no IPv6 address");
  }

  /** A HEAD that got its 200 from the nginx server on {@code remote}, which names its family in X-Family. */
  static void assertReached(Answer head, String remote, String family) {
    assertThat(head.exit()).as(head.text()).isZero();
    JsonNode hop = head.json().at("/hops/0");
    assertThat(hop.at("/status").asInt()).as(head.text()).isEqualTo(200);
    assertThat(hop.at("/remote").asText()).isEqualTo(remote);
    List<String> families = new ArrayList<>();
    hop.at("/headers").forEach(h -> {
      if (h.at("/name").asText().equalsIgnoreCase("X-Family")) {
        families.add(h.at("/value").asText());
      }
    });
    assertThat(families).containsExactly(family);
  }

  /** One child JVM in the namespace runs every command line; its output split per command. */
  static List<Answer> probeInside() throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), InNamespaceProbes.class.getName()));
    for (int i = 0; i < COMMANDS.size(); i++) {
      if (i > 0) {
        command.add(InNamespaceProbes.NEXT);
      }
      command.addAll(COMMANDS.get(i));
    }
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    List<Answer> result = new ArrayList<>();
    String[] parts = out.split("(?m)^" + InNamespaceProbes.MARK);
    for (int i = 1; i < parts.length; i++) {
      int space = parts[i].indexOf(' ');
      int newline = parts[i].indexOf('\n');
      int end = space >= 0 && space < newline ? space : newline;
      result.add(new Answer(Integer.parseInt(parts[i].substring(0, end)), parts[i].substring(newline + 1)));
    }
    assertThat(result).as(out).hasSize(COMMANDS.size());
    return result;
  }

  static String curl(String family, String host) {
    Result r = exec("ip", "netns", "exec", namespace, "curl", "-sS", "--max-time", "3", family, "http://" + host + "/");
    assertThat(r.exit()).as(r.out()).isZero();
    return r.out().trim();
  }

  /**
   * curl found no address of the family it was told to use: curl 7.88 says so as "Could not resolve host" (6) for
   * -4 (it asks getaddrinfo for IPv4 only) but as "Couldn't connect to server" (7) without a "Trying" line for -6 (it
   * resolves both families and filters when connecting).
   */
  static void assertNoAddressOfTheFamily(Result curl) {
    assertThat(curl.exit()).as(curl.out()).isIn(6, 7);
    assertThat(curl.out()).doesNotContain("Trying").doesNotContainPattern("(?m)^v[46]$");
  }

  static Result curlFailing(String family, String host) {
    return exec("ip", "netns", "exec", namespace, "curl", "-sSv", "--max-time", "3", family, "http://" + host + "/");
  }

  record Result(int exit, String out) {}

  static Result exec(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, out);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new AssertionError(String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(String.join(" ", command), e);
    }
  }

  static Process daemon(Path log, String... command) throws IOException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    all.addAll(List.of(command));
    return new ProcessBuilder(all).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  static void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      boolean dns4 = exec("ip", "netns", "exec", namespace, "dig", "+short", "+time=1", "+tries=1", "@127.0.0.1",
          BOTH, "A").out().trim().equals("127.0.0.1");
      boolean dns6 = exec("ip", "netns", "exec", namespace, "dig", "+short", "+time=1", "+tries=1", "@::1", BOTH,
          "AAAA").out().trim().equals("::1");
      boolean web = exec("ip", "netns", "exec", namespace, "curl", "-s", "--max-time", "1", "http://127.0.0.1/").out()
          .trim().equals("v4") && exec("ip", "netns", "exec", namespace, "curl", "-s", "--max-time", "1",
          "http://[::1]/").out().trim().equals("v6");
      if (dns4 && dns6 && web) {
        return;
      }
      if (System.nanoTime() > deadline || !nsd.isAlive() || !nginx.isAlive()) {
        throw new AssertionError("NSD or nginx did not come up in " + namespace + ": dns4=" + dns4 + " dns6=" + dns6
            + " web=" + web + "\n" + read(dir.resolve("nsd.out")) + read(dir.resolve("nsd.log"))
            + read(dir.resolve("nginx.out")) + read(dir.resolve("nginx-error.log")));
      }
      Thread.sleep(100);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static void run(String... command) {
    Result r = exec(command);
    assertThat(r.exit()).as(String.join(" ", command) + ": " + r.out()).isZero();
  }

  private static void inside(String... command) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    all.addAll(List.of(command));
    run(all.toArray(String[]::new));
  }
}
