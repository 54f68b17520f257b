package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fail_if_body_json_(not_)matches_cel} (blackbox 0.27+, so not in BlackboxParityIT against 0.23) through
 * {@code /probe} against a loopback HTTP server of this test: {@code probe_failed_due_to_cel}, the failure kind and
 * blackbox's log lines.
 */
class HttpCelTest {
  @TempDir
  static Path dir;
  static HttpServer site;
  static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    site.createContext("/", x -> {
      String path = x.getRequestURI().getPath();
      String body = switch (path) {
        case "/up" -> "{\"status\": \"UP\", \"checks\": [{\"name\": \"db\", \"ok\": true}], \"replicas\": 3}";
        case "/down" -> "{\"status\": \"DOWN\", \"checks\": [{\"name\": \"db\", \"ok\": false}], \"replicas\": 3}";
        default -> "<html>not json</html>";
      };
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(path.equals("/error") ? 503 : 200, b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    site.start();
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          cel:
            prober: http
            timeout: 5s
            http:
              fail_if_body_json_matches_cel: 'body.status == "DOWN"'
              fail_if_body_json_not_matches_cel: 'body.checks.all(c, c.ok) && body.replicas >= 2'
          plain:
            prober: http
            timeout: 5s
        """);
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config, "--web.listen-address=127.0.0.1:0",
        "--log.level=error");
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
    }
    site.stop(0);
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + site.getAddress().getPort() + path;
  }

  @Test
  void aBodyThatSatisfiesBothExpressionsSucceeds() throws Exception {
    assertThat(NetprobeProbersTest.probe("cel", url("/up"), exporter)).contains("probe_success 1\n",
        "probe_failed_due_to_cel 0\n", "probe_failed_due_to_regex 0\n").doesNotContain("UNSUPPORTED_OPTION");
  }

  @Test
  void aMatchingBodyFailsWithTheCelGaugeAndBlackboxsLogLine() throws Exception {
    assertThat(NetprobeProbersTest.probe("cel", url("/down"), exporter)).contains("probe_success 0\n",
        "probe_failed_due_to_cel 1\n", "probe_failed_due_to_regex 0\n",
        "probe_failure_info{kind=\"FAILED_DUE_TO_CEL\"} 1\n", "probe_http_status_code 200\n");
    assertThat(NetprobeProbersTest.debug("cel", url("/down"), exporter))
        .contains("msg=\"Body matched CEL expression expression=", "body.status == ");
  }

  @Test
  void aBodyThatIsNotJsonFails() throws Exception {
    assertThat(NetprobeProbersTest.probe("cel", url("/html"), exporter)).contains("probe_success 0\n",
        "probe_failed_due_to_cel 1\n");
    assertThat(NetprobeProbersTest.debug("cel", url("/html"), exporter)).contains("Error unmarshalling HTTP body");
  }

  @Test
  void theGaugeIsThereOnEveryPathOfACelModuleAndOnlyThere() throws Exception {
    // a bad status fails first: the expressions are not the reason, as in blackbox
    assertThat(NetprobeProbersTest.probe("cel", url("/error"), exporter)).contains("probe_success 0\n",
        "probe_failed_due_to_cel 0\n", "kind=\"UNEXPECTED_STATUS\"");
    assertThat(NetprobeProbersTest.probe("cel", "http://127.0.0.1:1/", exporter)).contains("probe_success 0\n",
        "probe_failed_due_to_cel 0\n");
    assertThat(NetprobeProbersTest.probe("plain", url("/up"), exporter)).contains("probe_success 1\n")
        .doesNotContain("probe_failed_due_to_cel");
  }
}
