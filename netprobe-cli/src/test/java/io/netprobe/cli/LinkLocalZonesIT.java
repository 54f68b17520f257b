package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
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

/**
 * Link-local IPv6 with its zone, next to ping -6, curl -g and ss: a namespace joined by a veth pair, this side
 * {@code fe80::c}, the neighbour {@code fe80::d} with an HTTP server on it. The zone is carried from the command line
 * to the socket (ping, tcp), through URLs in RFC 6874's {@code %25} form and curl's raw form (head), and the socket
 * table prints a dual-stack listener as {@code *:port} and a v6-only one as {@code [::]:port}, as ss does. Made only
 * where the test runs as root; traffic stays on the veth pair and loopback.
 */
class LinkLocalZonesIT {
  static final Path PING = Path.of("/usr/bin/ping");
  static final Path CURL = Path.of("/usr/bin/curl");
  static final Path SS = Path.of("/usr/bin/ss");

  static String namespace;
  static String link;
  static Process server;
  static int port;
  static ProbeClient client;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")), "iproute2 is not installed");
    Assumptions.assumeTrue(sh("id", "-u").trim().equals("0"), "not root: cannot create a network namespace");
    client = Probes.builder().build();
    List<String> missing = DemoTest.missingBackends(client);
    Assumptions.assumeTrue(missing.isEmpty(), "backends not on the class path yet: " + missing);
    long pid = ProcessHandle.current().pid();
    namespace = "np-zone-" + pid;
    link = "npz" + pid % 100_000;
    String inner = link + "i";
    sh("ip", "netns", "add", namespace);
    sh("ip", "link", "add", link, "type", "veth", "peer", "name", inner);
    sh("ip", "link", "set", inner, "netns", namespace);
    sh("ip", "addr", "add", "fe80::c/64", "dev", link, "nodad");
    sh("ip", "link", "set", link, "up");
    sh("ip", "netns", "exec", namespace, "ip", "link", "set", "lo", "up");
    sh("ip", "netns", "exec", namespace, "ip", "addr", "add", "fe80::d/64", "dev", inner, "nodad");
    sh("ip", "netns", "exec", namespace, "ip", "link", "set", inner, "up");
    // the neighbour answers every traceroute probe (by default it sends about one ICMPv6 error a second)
    sh("ip", "netns", "exec", namespace, "sysctl", "-q", "-w", "net.ipv6.icmp.ratelimit=0");
    port = 8080;
    server = new ProcessBuilder("ip", "netns", "exec", namespace, "python3", "-m", "http.server", "--bind",
        "fe80::d%" + inner, String.valueOf(port)).redirectErrorStream(true).redirectOutput(
        ProcessBuilder.Redirect.DISCARD).start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!CliTest.run(client, "tcp", "fe80::d%" + link, String.valueOf(port)).out().contains("succeeded")) {
      Assumptions.assumeTrue(System.nanoTime() < until, "the HTTP server in the namespace did not start");
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor(5, TimeUnit.SECONDS);
    }
    if (namespace != null) {
      new ProcessBuilder("ip", "netns", "delete", namespace).start().waitFor(10, TimeUnit.SECONDS);
      new ProcessBuilder("ip", "link", "delete", link).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void pingCarriesTheZoneAndPrintsItLikePing() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PING), "ping is not installed (iputils-ping)");
    String target = "fe80::d%" + link;
    CliTest.Run ours = CliTest.run(client, "ping", "-c", "2", "-i", "0.2", target);
    String theirs = sh(PING.toString(), "-6", "-c", "2", "-i", "0.2", target);
    assertThat(ours.exit()).as(ours.out() + ours.err()).isZero();
    assertThat(firstLine(ours.out())).isEqualTo(firstLine(theirs));
    assertThat(ours.out()).contains("64 bytes from " + target + ": icmp_seq=1 ttl=64");
    assertThat(theirs).contains("64 bytes from " + target + ": icmp_seq=1 ttl=64");
    assertThat(ours.out()).contains("2 packets transmitted, 2 received, 0% packet loss");
  }

  @Test
  void tracerouteReachesTheNeighbourThroughTheZone() throws Exception {
    Path traceroute = Path.of("/usr/bin/traceroute");
    Assumptions.assumeTrue(Files.isExecutable(traceroute), "traceroute is not installed");
    String target = "fe80::d%" + link;
    CliTest.Run ours = CliTest.run(client, "traceroute", "-q", "1", "-w", "1", target);
    String theirs = sh(traceroute.toString(), "-6", "-n", "-q", "1", "-w", "1", target);
    assertThat(ours.exit()).as(ours.out() + ours.err()).isZero();
    assertThat(theirs).containsPattern(" 1  " + java.util.regex.Pattern.quote(target) + "  [0-9.]+ ms");
    assertThat(ours.out()).containsPattern(" 1  " + java.util.regex.Pattern.quote(target) + "  [0-9.]+ ms");
    assertThat(ours.out().lines().findFirst()).as("the first line")
        .contains("traceroute to " + target + " (" + target + "), 30 hops max, 80 byte packets")
        .isEqualTo(theirs.lines().findFirst());
  }

  @Test
  void tcpConnectsThroughTheZone() {
    CliTest.Run r = CliTest.run(client, "tcp", "fe80::d%" + link, String.valueOf(port));
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("fe80::d%" + link).contains("succeeded");
  }

  @Test
  void headTakesBothUrlFormsOfAZoneLikeCurl() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CURL), "curl is not installed");
    String rfc6874 = "http://[fe80::d%25" + link + "]:" + port + "/";
    String raw = "http://[fe80::d%" + link + "]:" + port + "/";
    String curl = sh(CURL.toString(), "-sSI", "-g", raw);
    for (String url : List.of(rfc6874, raw)) {
      CliTest.Run r = CliTest.run(client, "head", url);
      assertThat(r.exit()).as(url + ": " + r.out() + r.err()).isZero();
      assertThat(firstLine(r.out())).isEqualTo(firstLine(curl).trim());
    }
    CliTest.Run json = CliTest.run(client, "head", "--json", rfc6874);
    assertThat(json.json().at("/hops/0/remote").asText()).contains("fe80::d%" + link);
  }

  /**
   * HTTPS to {@code https://[fe80::d%25link]:port/}: the neighbour serves a self-signed certificate on one port for
   * {@code IP:fe80::d} and on another for {@code IP:fe80::99}. curl -g checks the certificate against the address
   * without its zone; so must head (which takes no CA file: -k, and the problems it reports): untrusted but
   * matching on the first, a name mismatch on the second.
   */
  @Test
  void httpsToAZonedAddressChecksTheCertificateAgainstTheBareAddressLikeCurl() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CURL), "curl is not installed");
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
    Path dir = Files.createTempDirectory("np-zone-tls");
    for (String ip : List.of("fe80::d", "fe80::99")) {
      String file = ip.replace(':', '_');
      sh("/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
          "-days", "1", "-subj", "/CN=" + ip, "-addext", "subjectAltName=IP:" + ip, "-keyout",
          dir.resolve(file + ".key").toString(), "-out", dir.resolve(file + ".pem").toString());
    }
    String inner = link + "i";
    Process tls = new ProcessBuilder("ip", "netns", "exec", namespace, "python3", "-c", String.join("\n",
        "import http.server, socket, ssl, threading",
        "class S(http.server.HTTPServer): address_family = socket.AF_INET6",
        "def serve(port, cert):",
        "    where = socket.getaddrinfo('fe80::d%" + inner + "', port, socket.AF_INET6, socket.SOCK_STREAM)[0][4]",
        "    s = S(where, http.server.SimpleHTTPRequestHandler)",
        "    c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); c.load_cert_chain(cert + '.pem', cert + '.key')",
        "    c.sni_callback = lambda sock, name, ctx: print('sni', name, flush=True)",
        "    s.socket = c.wrap_socket(s.socket, server_side=True)",
        "    threading.Thread(target=s.serve_forever, daemon=True).start()",
        "serve(8443, 'fe80__d'); serve(8444, 'fe80__99')",
        "print('ready', flush=True)",
        "threading.Event().wait(120)")).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(tls.getInputStream(),
          StandardCharsets.US_ASCII));
      String ready = lines.readLine();
      assertThat(ready).as(() -> lines.lines().collect(java.util.stream.Collectors.joining("\n"))).isEqualTo("ready");
      String good = "https://[fe80::d%25" + link + "]:8443/";
      String other = "https://[fe80::d%25" + link + "]:8444/";
      String raw = "https://[fe80::d%" + link + "]:";

      // curl checks the name only when it checks the chain: each certificate is its own CA here
      String curlMatch = curl("-g", "--cacert", dir.resolve("fe80__d.pem").toString(), "-sS", "-v", "-I",
          raw + "8443/");
      assertThat(curlMatch).contains("subjectAltName: host \"fe80::d\" matched cert's IP address!");
      CliTest.Run match = CliTest.run(client, "head", "-k", "--json", good);
      assertThat(match.exit()).as(match.out() + match.err()).isZero();
      assertThat(match.json().at("/hops/0/status").asInt()).isEqualTo(200);
      assertThat(match.json().at("/hops/0/tls/problems").toString()).contains("UNTRUSTED_ISSUER")
          .doesNotContain("HOSTNAME_MISMATCH");
      CliTest.Run jdk = CliTest.run(client, "head", "-k", "--json", "--tls", "jdk", good);
      assertThat(jdk.json().at("/hops/0/tls/implementation").asText()).isEqualTo("JDK");
      assertThat(jdk.json().at("/hops/0/tls/problems").toString()).isEqualTo("[\"UNTRUSTED_ISSUER\"]");
      String curlUntrusted = curl("-g", "-sS", "-I", raw + "8443/");
      assertThat(curlUntrusted).contains("self-signed certificate");
      CliTest.Run untrusted = CliTest.run(client, "head", good);
      assertThat(untrusted.exit()).as(untrusted.out() + untrusted.err()).isEqualTo(Netprobe.PROBE_FAILED);
      assertThat(untrusted.out() + untrusted.err()).contains("self-signed").doesNotContain("not valid for");

      String curlMismatch = curl("-g", "--cacert", dir.resolve("fe80__99.pem").toString(), "-sS", "-v", "-I",
          raw + "8444/");
      assertThat(curlMismatch).contains("no alternative certificate subject name matches target host name 'fe80::d'");
      CliTest.Run mismatch = CliTest.run(client, "head", "-k", "--json", other);
      assertThat(mismatch.json().at("/hops/0/tls/problems").toString()).contains("HOSTNAME_MISMATCH");
      // no server name (SNI) for an address, as curl sends none: seven handshakes, three by curl, none named
      List<String> sni = new ArrayList<>();
      while (sni.size() < 7) {
        String line = lines.readLine();
        if (line.startsWith("sni ")) {
          sni.add(line);
        }
      }
      assertThat(sni).containsOnly("sni None");
    } finally {
      tls.destroy();
      tls.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** curl's whole output, whatever its exit status (a refused certificate is exit 60). */
  private static String curl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(CURL.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  @Test
  void diagnoseTargetsAZonedUrl() {
    CliTest.Run r = CliTest.run(client, "diagnose", "--target", "fe80::d%" + link, "--timeout", "5",
        "http://[fe80::d%25" + link + "]:" + port + "/");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("Verdict: OK").contains("ping fe80::d%" + link)
        .contains("curl -IL http://[fe80::d%" + link + "]:" + port + "/");
  }

  @Test
  void ssPrintsDualStackAsStarAndV6OnlyInBrackets() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(SS), "ss is not installed (iproute2)");
    // the JDK cannot set IPV6_V6ONLY: python holds both listeners and prints their ports
    Process listeners = new ProcessBuilder("python3", "-c", String.join("\n",
        "import socket, sys, time",
        "d = socket.socket(socket.AF_INET6); d.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)",
        "d.bind(('::', 0)); d.listen()",
        "v = socket.socket(socket.AF_INET6); v.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)",
        "v.bind(('::', 0)); v.listen()",
        "print(d.getsockname()[1], v.getsockname()[1], flush=True)",
        "time.sleep(60)")).start();
    try {
      String[] ports = new java.io.BufferedReader(new java.io.InputStreamReader(listeners.getInputStream(),
          StandardCharsets.US_ASCII)).readLine().trim().split(" ");
      String theirs = sh(SS.toString(), "-tln");
      String ours = CliTest.run(client, "ss", "-t").out();
      assertThat(theirs).containsPattern("\\s\\*:" + ports[0] + "\\s")
          .containsPattern("\\s\\[::\\]:" + ports[1] + "\\s");
      assertThat(ours).containsPattern("\\s\\*:" + ports[0] + "\\s+\\*:\\*")
          .containsPattern("\\s\\[::\\]:" + ports[1] + "\\s+\\[::\\]:\\*");
    } finally {
      listeners.destroy();
      listeners.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  static String sh(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
    return out;
  }
}
