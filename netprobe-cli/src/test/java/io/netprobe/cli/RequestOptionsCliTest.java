package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netprobe head}'s curl options and {@code netprobe tcp}'s conversation options with the real backends on
 * loopback: what reaches the server, the exit code, and no secret in any output.
 */
class RequestOptionsCliTest {
  private static final String PASSWORD = "CliPwSECRET21";
  private static final String TOKEN = "CliTokSECRET22";
  private final ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(5)).build();

  @Test
  void dataMeansPostWithAFormAndUserMeansBasicLikeCurl(@TempDir Path dir) throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      server.enqueue(new MockResponse.Builder().code(201).body("{\"id\":7}").build());
      Path file = Files.writeString(dir.resolve("form.txt"), "b=2\n");
      CliTest.Run r = CliTest.run(client, "head", "http://127.0.0.1:" + server.getPort() + "/items", "-d", "a=1",
          "-d", "@" + file, "-u", "alice:" + PASSWORD, "--expect-status", "200,201", "--expect-json-path",
          "$.id=^7$");
      RecordedRequest req = server.takeRequest(2, TimeUnit.SECONDS);
      assertThat(req.getMethod()).isEqualTo("POST");
      assertThat(req.getBody().utf8()).isEqualTo("a=1&b=2");
      assertThat(req.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
      assertThat(req.getHeaders().get("Authorization")).startsWith("Basic ");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("HTTP/1.1 201");
      assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aFailedCheckExitsOneAndSaysWhichAndOnWhat() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      server.enqueue(new MockResponse.Builder().code(200).body("status: degraded").build());
      server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      String url = "http://127.0.0.1:" + server.getPort() + "/";
      CliTest.Run r = CliTest.run(client, "head", url, "--oauth2-bearer", TOKEN, "--fail-if-body-matches",
          "degraded");
      assertThat(server.takeRequest(2, TimeUnit.SECONDS).getMethod()).isEqualTo("GET");
      assertThat(r.exit()).isEqualTo(Netprobe.PROBE_FAILED);
      assertThat(r.err()).contains("ASSERTION_FAILED").contains("fail_if_body_matches_regexp degraded failed on "
          + "\"status: degraded\"");
      CliTest.Run json = CliTest.run(client, "head", url, "--oauth2-bearer", TOKEN, "--json",
          "--fail-if-header-not-matches", "Content-Type: json");
      assertThat(json.json().at("/assertions/0/passed").asBoolean()).isFalse();
      assertThat(json.json().at("/failure/kind").asText()).isEqualTo("ASSERTION_FAILED");
      assertThat(r.out() + r.err() + json.out() + json.err()).doesNotContain(TOKEN);
    }
  }

  @Test
  void tcpHoldsAConversationInCommandLineOrder() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread t = new Thread(() -> {
        try (Socket s = server.accept()) {
          OutputStream out = s.getOutputStream();
          BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          out.write("* OK imap.test ready\r\n".getBytes(StandardCharsets.UTF_8));
          String login = in.readLine();
          out.write(("a1 OK " + (login.contains(PASSWORD) ? "welcome" : "no") + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
          out.flush();
        } catch (Exception e) {
          // the test's assertions report what the client saw
        }
      });
      t.setDaemon(true);
      t.start();
      CliTest.Run r = CliTest.run(client, "tcp", "127.0.0.1", String.valueOf(server.getLocalPort()), "--expect",
          "^\\* OK (\\S+)", "--send-secret", "a1 LOGIN probe " + PASSWORD, "--expect", "^a1 OK welcome");
      assertThat(r.exit()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("< \"* OK imap.test ready\"").contains("> <redacted>")
          .contains("conversation with 127.0.0.1 port " + server.getLocalPort() + " succeeded (3 steps");
      assertThat(r.out() + r.err()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aConversationTalksToOnePortOnly() {
    CliTest.Run r = CliTest.run(client, "tcp", "127.0.0.1", "20-25", "--send", "x");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("talks to one port, not 6");
  }

  @Test
  void sendEscapes() {
    assertThat(ConversationOptions.unescape("EHLO x\\r")).isEqualTo("EHLO x\r");
    assertThat(ConversationOptions.unescape("a\\\\b\\q")).isEqualTo("a\\b\\q");
  }
}
