package io.netprobe.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The demo site answers curl like the seed's site behind Cloudflare, with a certificate curl verifies. */
class DemoSiteTest {
  static final String HOST = "quizai.juwonpark.me";
  static DemoCertificate certificate;
  static DemoSite site;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    certificate = new DemoCertificate(HOST);
    site = new DemoSite(HOST, certificate.serverContext());
  }

  @AfterAll
  static void stop() {
    site.close();
  }

  static String curl(String url, int port) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
    Path ca = dir.resolve("demo-ca.pem");
    Files.writeString(ca, certificate.pem());
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
  }

  @Test
  void httpsAnswersLikeCloudflareInFrontOfDjangoWithAVerifiedCertificate() throws Exception {
    int https = site.httpsAddress().getPort();
    String root = curl("https://" + HOST + ":" + https + "/", https);
    String quiz = curl("https://" + HOST + ":" + https + "/quiz/", https);

    assertThat(root).startsWith("HTTP/1.1 302").containsIgnoringCase("location: /quiz/");
    assertThat(quiz).startsWith("HTTP/1.1 200").containsIgnoringCase("server: cloudflare")
        .containsIgnoringCase("cf-cache-status: DYNAMIC").containsPattern("(?i)cf-ray: [0-9a-f]{16}-ICN")
        .containsPattern("(?i)set-cookie: csrftoken=[0-9a-f]{32};");
    assertThat(site.httpsAddress().getAddress().isLoopbackAddress()).isTrue();
  }
}
