package io.netprobe.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import io.netprobe.testing.SilentTcpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outage seen by the exporter (the built jar), on platform threads for OkHttp's calls as on JDK 17 whatever JDK
 * runs the test: 64 scrapes of an HTTP target that accepts and never answers are in flight — more than the library's
 * 16 call threads — when a healthy target is scraped. blackbox probes every target at once; so must the exporter: the
 * healthy target's probe succeeds at once instead of waiting, and failing, behind the hung ones.
 */
class HungTargetsIT {
  @TempDir
  Path dir;

  /** Plain HTTP on OkHttp's call threads (as HTTPS always is), and on the engine's loops (the default). */
  @ParameterizedTest(name = "-Dnetprobe.http.engine={0}")
  @ValueSource(strings = {"false", "true"})
  void aHealthyTargetIsProbedAtOnceWhileHungTargetsHoldMoreCallsThanTheLibrarysThreads(String engine)
      throws Exception {
    Path jar = jar();
    HttpServer healthy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    healthy.createContext("/", x -> {
      x.sendResponseHeaders(200, 2);
      x.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
      x.close();
    });
    healthy.start();
    try (SilentTcpServer hung = SilentTcpServer.start(200)) {
      Path config = Files.writeString(dir.resolve("blackbox.yml"), """
          modules:
            http_2xx:
              prober: http
              timeout: 4s
          """);
      int port = FreePorts.tcp();
      try (LoopbackDaemon exporter = LoopbackDaemon.start(List.of(Path.of(System.getProperty("java.home"), "bin",
          "java").toString(), "-Dnetprobe.http.platformThreads=true", "-Dnetprobe.http.engine=" + engine, "-jar", jar.toAbsolutePath().toString(),
          "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"),
          dir.resolve("exporter.out"), port)) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://127.0.0.1:" + port + "/probe?module=http_2xx&target=";
        scrape(http, base + enc("http://127.0.0.1:" + healthy.getAddress().getPort() + "/")).join(); // warm
        List<CompletableFuture<HttpResponse<String>>> outage = outageThenHealthy(http, i -> base
            + enc(hung.httpUrl() + i), hung, base + enc("http://127.0.0.1:" + healthy.getAddress().getPort() + "/"),
            exporter);
        for (CompletableFuture<HttpResponse<String>> f : outage) {
          assertThat(f.join().body()).contains("\nprobe_success 0\n").contains("probe_failure_info{kind=\"TIMEOUT\"} 1");
        }
      }
    } finally {
      healthy.stop(0);
    }
  }

  /**
   * The same outage for a tcp module with a conversation (blackbox's {@code query_response}: an SSH banner), whose
   * transport blocks a thread per conversation: 64 targets that accept and never send the banner, then a healthy one
   * — its conversation must not wait, and fail, behind theirs.
   */
  @ParameterizedTest(name = "-Dnetprobe.conversation.platformThreads={0}")
  @ValueSource(strings = {"true", "false"})
  void aHealthyConversationIsHeldAtOnceWhileHungTargetsHoldMoreThanTheBlockingThreads(String platform)
      throws Exception {
    Path jar = jar();
    try (SilentTcpServer hung = SilentTcpServer.start(200);
        java.net.ServerSocket healthy = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread banner = new Thread(() -> {
        while (!healthy.isClosed()) {
          try (java.net.Socket s = healthy.accept()) {
            s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoTimeout(2000);
            s.getInputStream().read(new byte[1]); // until the client closes
          } catch (java.io.IOException closedOrDone) {
            // the next connection, or the end
          }
        }
      }, "ssh-banner");
      banner.setDaemon(true);
      banner.start();
      Path config = Files.writeString(dir.resolve("blackbox.yml"), """
          modules:
            ssh_banner:
              prober: tcp
              timeout: 4s
              tcp:
                query_response:
                  - expect: "^SSH-2.0-"
          """);
      int port = FreePorts.tcp();
      try (LoopbackDaemon exporter = LoopbackDaemon.start(List.of(Path.of(System.getProperty("java.home"), "bin",
          "java").toString(), "-Dnetprobe.conversation.platformThreads=" + platform, "-jar",
          jar.toAbsolutePath().toString(), "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port,
          "--log.level=warn"), dir.resolve("exporter.out"), port)) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://127.0.0.1:" + port + "/probe?module=ssh_banner&target=";
        String good = base + enc("127.0.0.1:" + healthy.getLocalPort());
        assertThat(scrape(http, good).join().body()).contains("\nprobe_success 1\n"); // warm
        List<CompletableFuture<HttpResponse<String>>> outage = outageThenHealthy(http, i -> base
            + enc("127.0.0.1:" + hung.port()), hung, good, exporter);
        for (CompletableFuture<HttpResponse<String>> f : outage) {
          assertThat(f.join().body()).contains("\nprobe_success 0\n");
        }
      }
    }
  }

  private static Path jar() {
    Path jar = Path.of("target/dist/netprobe-exporter.jar");
    Lab.assume("HungTargetsIT", Files.isRegularFile(jar), "target/dist/netprobe-exporter.jar is not built");
    return jar;
  }

  /**
   * 64 scrapes of hung targets ({@code hungUrl} of 0..63) put in flight, every one connected to {@code hung} — none
   * waits for a thread — then the healthy target's scrape, which must succeed at once; the hung scrapes, to be
   * checked by the caller.
   */
  private static List<CompletableFuture<HttpResponse<String>>> outageThenHealthy(HttpClient http,
      java.util.function.IntFunction<String> hungUrl, SilentTcpServer hung, String healthyUrl, LoopbackDaemon exporter)
      throws Exception {
    List<CompletableFuture<HttpResponse<String>>> outage = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      outage.add(scrape(http, hungUrl.apply(i)));
    }
    long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (hung.accepted() < 60 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(hung.accepted()).as("hung targets connected to").isGreaterThanOrEqualTo(60);
    long t0 = System.nanoTime();
    HttpResponse<String> ok = scrape(http, healthyUrl).join();
    long tookMillis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
    assertThat(ok.body()).as("the healthy target's scrape; the exporter said: %s", exporter.output())
        .contains("\nprobe_success 1\n");
    assertThat(tookMillis).isLessThan(1_500);
    return outage;
  }

  private static CompletableFuture<HttpResponse<String>> scrape(HttpClient http, String url) {
    return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
