package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.diagnose.Category;
import io.netprobe.diagnose.DiagnosisRequest;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.Finding;
import io.netprobe.diagnose.Layer;
import io.netprobe.diagnose.engine.DiagnosisReport;
import io.netprobe.jackson.NetprobeJson;
import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checklist against real servers on loopback: NSD serving {@code netprobe.test} and nginx serving a healthy
 * site and a broken one, both started here on free ports and stopped afterwards. Skips (with the reason) where NSD
 * or nginx is not installed or a backend is not on the class path. Every address used is in 127.0.0.0/8.
 */
class DiagnoseNginxNsdIT {
  static final Path NSD = Path.of("/usr/sbin/nsd");
  static final Path NGINX = Path.of("/usr/sbin/nginx");
  static final Path CURL = Path.of("/usr/bin/curl");
  /** The origin behind the test's edge: another loopback address, the same port. */
  static final String ORIGIN = "127.0.0.3";

  @TempDir static Path dir;
  static LoopbackDaemon nsd;
  static LoopbackDaemon otherNsd;
  static LoopbackDaemon nginx;
  static int dnsPort;
  static int otherDnsPort;
  static int webPort;
  static int edgePort;
  static int closedPort;
  static ProbeClient client;
  static AutoCloseable trust;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(NSD), "nsd is not installed (apt-get install nsd)");
    Assumptions.assumeTrue(Files.isExecutable(NGINX), "nginx is not installed (apt-get install nginx-light)");
    // before the first HTTPS probe of this JVM: the HTTP backend reads the default trust store once
    trust = TestCertificates.write(dir).trustInThisProcess();
    client = Probes.builder().build();
    List<String> missing = DemoTest.missingBackends(client);
    Assumptions.assumeTrue(missing.isEmpty(), "backends not on the class path yet: " + missing);

    dnsPort = FreePorts.tcpAndUdp();
    otherDnsPort = FreePorts.tcpAndUdp();
    webPort = FreePorts.tcp();
    edgePort = FreePorts.tcp();
    closedPort = FreePorts.tcp();
    Files.writeString(dir.resolve("netprobe.test.zone"), String.join("\n",
        "$ORIGIN netprobe.test.",
        "$TTL 300",
        "@ IN SOA ns1 hostmaster 2026112401 7200 3600 1209600 300",
        "@ IN NS ns1",
        "ns1 IN A 127.0.0.1",
        // a record this resolver still gives after the site moved: the old address is gone (see BeyondThisMachine)
        "stale IN A " + RemoteHost.GONE,
        // a Cloudflare-like edge (nginx) in front of an origin whose certificate has expired
        "cdn IN A 127.0.0.1",
        "site IN A 127.0.0.1",
        "broken IN A 127.0.0.1",
        "refused IN A 127.0.0.1",
        "elsewhere IN A 127.0.0.2",
        // in a network namespace of the test's own (see BeyondThisMachine): a host that refuses, drops, or is gone
        "origin IN A " + RemoteHost.ADDRESS,
        "gone-host IN A " + RemoteHost.GONE,
        ""));
    writeNsdConf(dir, dnsPort);
    // the comparison resolver (--resolver): the same zone as it is now, the site moved to 127.0.0.1
    Path other = Files.createDirectories(dir.resolve("other-dns"));
    Files.writeString(other.resolve("netprobe.test.zone"), String.join("\n",
        "$ORIGIN netprobe.test.",
        "$TTL 300",
        "@ IN SOA ns1 hostmaster 2026112402 7200 3600 1209600 300",
        "@ IN NS ns1",
        "ns1 IN A 127.0.0.1",
        "stale IN A 127.0.0.1",
        ""));
    writeNsdConf(other, otherDnsPort);
    String temp = dir.resolve("nginx-temp").toString();
    Files.createDirectories(dir.resolve("nginx-temp"));
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
        "  server { listen 127.0.0.1:" + webPort + "; server_name site.netprobe.test;",
        "    location / { return 200 \"ok\\n\"; } }",
        "  server { listen 127.0.0.1:" + webPort + "; server_name broken.netprobe.test;",
        "    location / { return 503; } }",
        // the edge verifies the origin's certificate (Cloudflare's Full (strict)) and answers 526 when it fails;
        // cf-ray is what identifies Cloudflare (the server header cannot be changed in nginx-light)
        "  server { listen 127.0.0.1:" + edgePort + " ssl; server_name cdn.netprobe.test;",
        "    ssl_certificate " + dir.resolve("edge.pem") + "; ssl_certificate_key " + dir.resolve("edge.key") + ";",
        "    add_header cf-ray 8f1c2d3e4a5b6c7d-ICN always;",
        "    location / { proxy_pass https://" + ORIGIN + ":" + edgePort + ";",
        "      proxy_ssl_verify on; proxy_ssl_trusted_certificate " + dir.resolve("ca.pem") + ";",
        "      proxy_ssl_server_name on; proxy_ssl_name cdn.netprobe.test;",
        "      error_page 502 =526 /cdn-cgi/526; }",
        "    location = /cdn-cgi/526 { internal; return 200 \"invalid SSL certificate\\n\"; } }",
        "  server { listen " + ORIGIN + ":" + edgePort + " ssl; server_name cdn.netprobe.test;",
        "    ssl_certificate " + dir.resolve("origin-expired.pem") + "; ssl_certificate_key "
            + dir.resolve("origin-expired.key") + ";",
        "    location / { return 200 \"origin\\n\"; } }",
        "}",
        ""));
    nsd = LoopbackDaemon.start(List.of(NSD.toString(), "-d", "-c", dir.resolve("nsd.conf").toString()),
        dir.resolve("nsd.out"), dnsPort);
    otherNsd = LoopbackDaemon.start(List.of(NSD.toString(), "-d", "-c", other.resolve("nsd.conf").toString()),
        other.resolve("nsd.out"), otherDnsPort);
    nginx = LoopbackDaemon.start(List.of(NGINX.toString(), "-p", dir.toString(), "-c",
        dir.resolve("nginx.conf").toString()), dir.resolve("nginx.out"), webPort);
    awaitReady();
  }

  @AfterAll
  static void stop() throws Exception {
    for (LoopbackDaemon daemon : new LoopbackDaemon[] {nginx, nsd, otherNsd}) {
      if (daemon != null) {
        daemon.close();
      }
    }
    if (trust != null) {
      trust.close();
    }
  }

  static void writeNsdConf(Path in, int port) throws IOException {
    Files.writeString(in.resolve("nsd.conf"), String.join("\n",
        "server:",
        "  ip-address: 127.0.0.1@" + port,
        "  port: " + port,
        "  username: \"\"",
        "  chroot: \"\"",
        "  zonesdir: \"" + in + "\"",
        "  database: \"\"",
        "  zonelistfile: \"" + in.resolve("zone.list") + "\"",
        "  pidfile: \"" + in.resolve("nsd.pid") + "\"",
        "  xfrdfile: \"" + in.resolve("xfrd.state") + "\"",
        "  xfrdir: \"" + in + "\"",
        "  logfile: \"" + in.resolve("nsd.log") + "\"",
        "  server-count: 1",
        "  rrl-ratelimit: 0",
        "remote-control:",
        "  control-enable: no",
        "zone:",
        "  name: netprobe.test",
        "  zonefile: netprobe.test.zone",
        ""));
  }

  static DiagnosisResult diagnose(String host, int port) {
    return diagnose(host, port, Duration.ofSeconds(6));
  }

  static DiagnosisResult diagnose(String host, int port, Duration timeout) {
    DiagnosisRequest request = client.diagnose("http://" + host + ":" + port + "/").dnsServer("127.0.0.1", dnsPort)
        .networkTargets().networkTarget("127.0.0.1", webPort).timeout(timeout);
    return request.run();
  }

  @Test
  void healthySite() throws Exception {
    DiagnosisResult d = diagnose("site.netprobe.test", webPort);

    assertThat(d.verdict().category()).as(DiagnosisReport.render(d, Locale.ENGLISH)).isEqualTo(Category.OK);
    assertThat(d.addresses()).containsExactly(InetAddress.getByName("127.0.0.1"));
    assertThat(d.layer(Layer.LOCAL_PORTS).orElseThrow().checks().get(0).summary()).contains("127.0.0.1:" + webPort)
        .contains("nginx");
    assertThat(curlStatus("site.netprobe.test", "127.0.0.1")).isEqualTo("200");
  }

  @Test
  void originAnswering503() throws Exception {
    DiagnosisResult d = diagnose("broken.netprobe.test", webPort);

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH))
        .isEqualTo(Finding.ORIGIN_SERVER_ERROR);
    assertThat(d.verdict().category()).isEqualTo(Category.ORIGIN);
    assertThat(d.verdict().explanation()).contains("broken.netprobe.test answered HTTP/1.1 503");
    assertThat(curlStatus("broken.netprobe.test", "127.0.0.1")).isEqualTo("503");
  }

  @Test
  void nameThatDoesNotExist() {
    DiagnosisResult d = diagnose("gone.netprobe.test", webPort);

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH)).isEqualTo(Finding.NXDOMAIN);
    assertThat(d.verdict().category()).isEqualTo(Category.DNS);
    assertThat(d.verdict().evidence()).anyMatch(e -> e.contains("NXDOMAIN"));
  }

  @Test
  void portBoundTo127001OnlyAskedAtAnotherAddress() {
    DiagnosisResult d = diagnose("elsewhere.netprobe.test", webPort);

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH))
        .isEqualTo(Finding.PORT_LOOPBACK_ONLY);
    assertThat(d.verdict().category()).isEqualTo(Category.LOCAL_PORT);
    assertThat(d.verdict().explanation()).isEqualTo("Port " + webPort
        + " listens on 127.0.0.1 only: not reachable from outside.");
  }

  @Test
  void connectionRefusedWhereNothingListens() {
    DiagnosisResult d = diagnose("refused.netprobe.test", closedPort);

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH))
        .isEqualTo(Finding.PORT_NOT_LISTENING);
    assertThat(d.verdict().category()).isEqualTo(Category.LOCAL_PORT);
    assertThat(d.verdict().evidence()).anyMatch(e -> e.contains("CONNECTION_REFUSED"));
  }

  static DiagnosisResult diagnoseEdge(boolean withOrigin) {
    DiagnosisRequest request = client.diagnose("https://" + TestCertificates.HOST + ":" + edgePort + "/")
        .dnsServer("127.0.0.1", dnsPort).networkTargets().networkTarget("127.0.0.1", webPort)
        .timeout(Duration.ofSeconds(6));
    return (withOrigin ? request.origin(ORIGIN) : request).run();
  }

  @Test
  void edge526BecauseTheOriginsCertificateExpiredNamesTheCertificate() throws Exception {
    DiagnosisResult d = diagnoseEdge(true);

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH))
        .isEqualTo(Finding.ORIGIN_CERTIFICATE_EXPIRED);
    assertThat(d.verdict().category()).isEqualTo(Category.TLS);
    assertThat(d.verdict().explanation()).startsWith("Cloudflare answers HTTP/1.1 526")
        .contains("because the certificate of the origin " + ORIGIN + " has expired");
    assertThat(d.verdict().nextStep()).startsWith("Renew the certificate on the origin");
    assertThat(d.verdict().evidence()).anyMatch(e -> e.startsWith("origin " + ORIGIN + " directly: ")
        && e.contains("TLS_CERTIFICATE_EXPIRED"));
    assertThat(DiagnosisReport.render(d, Locale.KOREAN)).contains("오리진 " + ORIGIN + "의 인증서가 만료되어");
    String json = NetprobeJson.toJson(d);
    assertThat(json).contains("\"finding\":\"ORIGIN_CERTIFICATE_EXPIRED\"").contains("TLS_CERTIFICATE_EXPIRED")
        .contains("origin " + ORIGIN + " directly: ");
    // the oracles: curl through the edge gets 526, curl to the origin fails certificate verification (60)
    assertThat(curlHttps(ORIGIN, "%{http_code}")).isEqualTo("000 exit 60");
    assertThat(curlHttps("127.0.0.1", "%{http_code}")).isEqualTo("526 exit 0");
  }

  @Test
  void edge526WithoutTheOriginStillNamesTheOriginsCertificate() {
    DiagnosisResult d = diagnoseEdge(false);

    assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH))
        .isEqualTo(Finding.ORIGIN_CERTIFICATE_REJECTED);
    assertThat(d.verdict().explanation()).contains("rejects its certificate");
    assertThat(d.verdict().nextStep()).startsWith("Check the origin's certificate");
  }

  /** curl -I over https through the test CA, at {@code address}: what {@code -w format} prints, then the exit code. */
  static String curlHttps(String address, String format) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CURL), "curl is not installed");
    String host = TestCertificates.HOST;
    Process p = new ProcessBuilder(CURL.toString(), "-s", "-o", "/dev/null", "-I", "-w", format, "--max-time", "5",
        "--cacert", dir.resolve("ca.pem").toString(), "--resolve", host + ":" + edgePort + ":" + address,
        "https://" + host + ":" + edgePort + "/").start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return out + " exit " + p.exitValue();
  }

  /** curl's answer for the same target, the oracle for the HTTP layer. */
  static String curlStatus(String host, String address) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CURL), "curl is not installed");
    Process p = new ProcessBuilder(CURL.toString(), "-s", "-o", "/dev/null", "-I", "-w", "%{http_code}",
        "--max-time", "5", "--resolve", host + ":" + webPort + ":" + address, "http://" + host + ":" + webPort + "/")
        .start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  static void awaitReady() throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    boolean web = false;
    boolean dns = false;
    while (System.nanoTime() < until && !(web && dns)) {
      web = web || LoopbackDaemon.acceptsTcp(webPort) && LoopbackDaemon.acceptsTcp(edgePort);
      dns = dns || client.dns("site.netprobe.test").server("127.0.0.1", dnsPort).timeout(Duration.ofMillis(300))
          .run().isSuccess() && client.dns("stale.netprobe.test").server("127.0.0.1", otherDnsPort)
          .timeout(Duration.ofMillis(300)).run().isSuccess();
      if (!(web && dns)) {
        Thread.sleep(50);
      }
    }
    assertThat(web).as("nginx answers: " + log("nginx-error.log") + log("nginx.out")).isTrue();
    assertThat(dns).as("nsd answers: " + log("nsd.log") + log("nsd.out")).isTrue();
  }

  static String log(String name) {
    try {
      return Files.readString(dir.resolve(name));
    } catch (IOException e) {
      return "(no " + name + ")";
    }
  }

  /**
   * The origin on another host: a network namespace made by the test, joined to this one by a veth pair, where
   * nothing listens on one port, nft drops another, and a third address lies beyond it with no route. The
   * refused and timed-out verdicts need an address that is not this machine's (on loopback, "refused" means the
   * local port is closed). Needs root, ip and nft; skipped with the reason otherwise.
   */
  @Nested
  class BeyondThisMachine {
    static RemoteHost remote;

    @BeforeAll
    static void createNamespace() throws Exception {
      remote = RemoteHost.create();
    }

    @AfterAll
    static void removeNamespace() throws Exception {
      if (remote != null) {
        remote.close();
      }
    }

    @Test
    void refusedByAnotherHostIsTheOrigin() throws Exception {
      DiagnosisResult d = diagnose("origin.netprobe.test", RemoteHost.REFUSING_PORT);

      assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH)).isEqualTo(Finding.ORIGIN_REFUSED);
      assertThat(d.verdict().category()).isEqualTo(Category.ORIGIN);
      assertThat(d.verdict().explanation()).isEqualTo("origin.netprobe.test refused the connection on port "
          + RemoteHost.REFUSING_PORT + ": nothing listens there.");
      assertThat(d.addresses()).containsExactly(InetAddress.getByName(RemoteHost.ADDRESS));
      assertThat(curlExit("origin.netprobe.test", RemoteHost.ADDRESS, RemoteHost.REFUSING_PORT))
          .as("curl: couldn't connect").isEqualTo(7);
    }

    @Test
    void droppedByAFirewallIsAnOriginTimeout() throws Exception {
      DiagnosisResult d = diagnose("origin.netprobe.test", RemoteHost.DROPPING_PORT, Duration.ofSeconds(3));

      assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH)).isEqualTo(Finding.ORIGIN_TIMEOUT);
      assertThat(d.verdict().category()).isEqualTo(Category.ORIGIN);
      assertThat(curlExit("origin.netprobe.test", RemoteHost.ADDRESS, RemoteHost.DROPPING_PORT))
          .as("curl: timeout").isEqualTo(28);
    }

    @Test
    void aDeadAddressFromTheLocalResolverWhileTheOtherResolversAnswersIsStaleDns() throws Exception {
      DiagnosisResult d = client.diagnose("http://stale.netprobe.test:" + webPort + "/")
          .dnsServer("127.0.0.1", dnsPort).compareWithResolver("127.0.0.1", otherDnsPort).networkTargets()
          .networkTarget("127.0.0.1", webPort).timeout(Duration.ofSeconds(6)).run();

      assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH))
          .isEqualTo(Finding.DNS_STALE_ANSWER);
      assertThat(d.verdict().category()).isEqualTo(Category.DNS);
      assertThat(d.verdict().explanation()).isEqualTo("This machine's resolver gives " + RemoteHost.GONE
          + " for stale.netprobe.test, which does not answer (" + d.verdict().arguments().get(2) + "), while "
          + "127.0.0.1 gives 127.0.0.1, which accepts connections on port " + webPort
          + ": the local answer is stale (an old record or a cache).");
      assertThat(d.verdict().arguments().get(2)).contains("no route to the network of " + RemoteHost.GONE);
      assertThat(d.verdict().nextStep()).startsWith("Flush the local DNS cache");
      String connect = "tcp 127.0.0.1:" + webPort + " (the comparison resolver's address)";
      assertThat(d.verdict().evidence()).anyMatch(e -> e.startsWith(connect + ": "));
      assertThat(d.layer(Layer.DNS).orElseThrow().checks()).anyMatch(c -> c.title().equals(connect));
      String json = NetprobeJson.toJson(d);
      assertThat(json).contains("\"finding\":\"DNS_STALE_ANSWER\"").contains(connect);
      // the oracles: curl at the old address cannot connect, at the new one it gets the site
      assertThat(curlExit("stale.netprobe.test", RemoteHost.GONE, webPort)).isEqualTo(7);
      assertThat(curlStatus("stale.netprobe.test", "127.0.0.1")).isEqualTo("200");
    }

    @Test
    void anAddressTheRouterHasNoRouteToIsANetworkFinding() throws Exception {
      DiagnosisResult d = diagnose("gone-host.netprobe.test", RemoteHost.REFUSING_PORT);

      assertThat(d.verdict().finding()).as(DiagnosisReport.render(d, Locale.ENGLISH))
          .isEqualTo(Finding.HOST_UNREACHABLE);
      assertThat(d.verdict().category()).isEqualTo(Category.NETWORK);
      assertThat(curlExit("gone-host.netprobe.test", RemoteHost.GONE, RemoteHost.REFUSING_PORT))
          .as("curl: couldn't connect").isEqualTo(7);
    }
  }

  /** curl's exit code for {@code http://host:port/} at {@code address}, 2 s at most. */
  static int curlExit(String host, String address, int port) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CURL), "curl is not installed");
    Process p = new ProcessBuilder(CURL.toString(), "-s", "-o", "/dev/null", "-I", "--max-time", "2", "--resolve",
        host + ":" + port + ":" + address, "http://" + host + ":" + port + "/").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }
}
