package io.netprobe.testing.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.testing.OpenSockets;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local site: the Cloudflare-fronted Django preset answers curl like the README's example site, with a
 * certificate curl verifies; a scripted site answers its routes; closing releases every port.
 */
class LocalSiteTest {
  static final String HOST = "quizai.juwonpark.me";
  static LocalSite site;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    site = LocalSite.cloudflareInFrontOfDjango(HOST).zone("juwonpark.me")
        .certificate(new LocalCertificate(HOST)).start();
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  static String curl(String url, int port) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
    Path ca = dir.resolve("site-ca.pem");
    Files.writeString(ca, site.certificate().pem());
    List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "-sS", "-I", "--max-time", "5", "--cacert",
        ca.toString(), "--resolve", HOST + ":" + port + ":127.0.0.1", url));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
  }

  @Test
  void plainHttpRedirectsToHttpsLikeAlwaysUseHttps() throws Exception {
    int http = site.httpAddress().getPort();
    String out = curl("http://" + HOST + ":" + http + "/", http);

    assertThat(out).startsWith("HTTP/1.1 301").containsIgnoringCase("server: cloudflare")
        .containsIgnoringCase("location: https://" + HOST + ":" + site.httpsAddress().getPort() + "/");
    assertThat(site.httpAddress().getAddress().isAnyLocalAddress()).isTrue();
    assertThat(site.url()).isEqualTo("http://" + HOST + ":" + http + "/");
  }

  @Test
  void httpsAnswersLikeCloudflareInFrontOfDjangoWithAVerifiedCertificate() throws Exception {
    int https = site.httpsAddress().getPort();
    String root = curl("https://" + HOST + ":" + https + "/", https);
    String quiz = curl("https://" + HOST + ":" + https + "/quiz/", https);
    String other = curl("https://" + HOST + ":" + https + "/admin/", https);

    assertThat(root).startsWith("HTTP/1.1 302").containsIgnoringCase("location: /quiz/");
    assertThat(quiz).startsWith("HTTP/1.1 200").containsIgnoringCase("server: cloudflare")
        .containsIgnoringCase("cf-cache-status: DYNAMIC").containsPattern("(?i)cf-ray: [0-9a-f]{16}-ICN")
        .containsPattern("(?i)set-cookie: csrftoken=[0-9a-f]{32};");
    assertThat(other).startsWith("HTTP/1.1 404").containsIgnoringCase("server: cloudflare");
    assertThat(site.httpsAddress().getAddress().isLoopbackAddress()).isTrue();
    assertThat(site.httpsUrl()).isEqualTo("https://" + HOST + ":" + https + "/");
  }

  @Test
  void theDnsServerHoldsTheHostInTheZone() {
    assertThat(site.dns().zone()).isEqualTo("juwonpark.me");
    assertThat(site.dns().records()).containsEntry(HOST, List.of(InetAddress.getLoopbackAddress()));
  }

  @Test
  void aScriptedSiteAnswersItsRoutesWithComputedHeadersOnLoopbackOnly() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (LocalSite shop = LocalSite.builder("localhost").header("x-request", () -> "r" + requests.incrementAndGet())
        .route("/", SiteResponse.redirect(307, "/login/"))
        .route("/login/", SiteResponse.status(503).header("retry-after", "5").body("down for maintenance\n"))
        .certificate(new LocalCertificate("localhost")).start()) {
      String root = exchange(null, shop.httpAddress().getPort(), "GET /?next=1");
      String login = exchange(shop.certificate().clientContext(), shop.httpsAddress().getPort(), "GET /login/");
      String head = exchange(null, shop.httpAddress().getPort(), "HEAD /login/");
      String missing = exchange(null, shop.httpAddress().getPort(), "GET /nope");

      assertThat(root).startsWith("HTTP/1.1 307 ").containsIgnoringCase("\nlocation: /login/\r\n")
          .containsIgnoringCase("\nx-request: r1\r\n");
      assertThat(login).startsWith("HTTP/1.1 503 ").containsIgnoringCase("\nretry-after: 5\r\n")
          .containsIgnoringCase("\nx-request: r2\r\n").endsWith("\r\n\r\ndown for maintenance\n");
      assertThat(head).startsWith("HTTP/1.1 503 ").containsIgnoringCase("\nx-request: r3\r\n").endsWith("\r\n\r\n");
      assertThat(missing).startsWith("HTTP/1.1 404 ").contains("<h1>Not Found</h1>");
      assertThat(shop.httpAddress().getAddress().isLoopbackAddress()).as("loopback unless asked").isTrue();
      assertThat(shop.dns().records()).containsOnlyKeys("localhost");
    }
  }

  @Test
  void closeReleasesEveryPortSocketAndThread() throws Exception {
    long socketsBefore = OpenSockets.count();
    long dispatchersBefore = threadsNamed("HTTP-Dispatcher");
    LocalSite shop = LocalSite.builder("localhost").route("/", SiteResponse.status(204))
        .certificate(new LocalCertificate("localhost")).start();
    InetSocketAddress http = shop.httpAddress();
    InetSocketAddress https = shop.httpsAddress();
    int dns = shop.dns().address().getPort();
    assertThat(statusLine(null, http.getPort())).isEqualTo("HTTP/1.1 204 No Content");
    assertThat(statusLine(shop.certificate().clientContext(), https.getPort())).isEqualTo("HTTP/1.1 204 No Content");
    assertThat(threadsNamed("HTTP-Dispatcher")).isEqualTo(dispatchersBefore + 2);

    shop.close();

    assertThat(OpenSockets.count()).as("sockets").isLessThanOrEqualTo(socketsBefore);
    for (int port : List.of(http.getPort(), https.getPort())) {
      try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(again.getLocalPort()).isEqualTo(port);
      }
    }
    try (DatagramSocket again = new DatagramSocket(dns, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(dns);
    }
    assertThat(threadsNamed("netprobe-local-dns-" + dns)).isZero();
    assertThat(threadsNamed("HTTP-Dispatcher")).as("the listeners' dispatcher threads").isEqualTo(dispatchersBefore);
    shop.close(); // twice is harmless
  }

  static long threadsNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().equals(name)).count();
  }

  /** The status line of a HEAD / on 127.0.0.1:{@code port}, over TLS when {@code tls} is given. */
  static String statusLine(@Nullable SSLContext tls, int port) throws Exception {
    String response = exchange(tls, port, "HEAD /");
    return response.substring(0, response.indexOf("\r\n"));
  }

  /**
   * The whole response to {@code request} ("METHOD /path") on 127.0.0.1:{@code port}, over TLS (for the name
   * localhost) when {@code tls} is given. The connection is closed, so no client socket outlives the call.
   */
  static String exchange(@Nullable SSLContext tls, int port, String request) throws Exception {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
        Socket s = tls == null ? plain : tls.getSocketFactory().createSocket(plain, "localhost", port, true)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write((request + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void badInputIsRejectedWithTheRule() {
    assertThatThrownBy(() -> LocalSite.builder("shop..example")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host 'shop..example'");
    assertThatThrownBy(() -> LocalSite.builder("www.shop.example").zone("other.example"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must hold the host www.shop.example");
    assertThatThrownBy(() -> LocalSite.builder("shop.example").route("login", SiteResponse.status(200)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path 'login' must start with '/'");
    assertThatThrownBy(() -> SiteResponse.status(42)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("status 42");
    assertThatThrownBy(() -> SiteResponse.status(200).header("bad name", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("header name 'bad name'");
    assertThatThrownBy(() -> SiteResponse.status(200).header("x-a", "1\r\nx-b: 2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
    assertThatThrownBy(() -> new LocalCertificate(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
  }

  @Test
  void aNameOutsideTheZoneFailsAtStartAndLeavesNothingRunning() throws Exception {
    long socketsBefore = OpenSockets.count();
    LocalSite.Builder b = LocalSite.builder("www.shop.example").zone("shop.example").address("other.example", "::1");

    assertThatThrownBy(b::start).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other.example is not in the zone shop.example");
    assertThat(OpenSockets.count()).isLessThanOrEqualTo(socketsBefore);
  }
}
