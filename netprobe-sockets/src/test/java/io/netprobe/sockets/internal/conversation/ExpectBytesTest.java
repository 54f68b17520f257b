package io.netprobe.sockets.internal.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.sockets.ConversationRecord;
import io.netprobe.sockets.TcpConversationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Raw byte expectations and an expect's captures against an in-JVM server that greets with five binary bytes and a
 * line, or with two bytes and a hang-up.
 */
class ExpectBytesTest {
  private static final ProbeClient CLIENT = Probes.builder().backend(new SocketConversationBackend())
      .timeout(Duration.ofSeconds(5)).build();
  private static final byte[] GREETING = {0x00, 0x01, 'O', 'K', (byte) 0xff};
  private static ServerSocket full;
  private static ServerSocket cut;

  @BeforeAll
  static void start() throws Exception {
    full = serve(s -> {
      s.write(GREETING);
      s.write("220 mail.test ready\n".getBytes(StandardCharsets.US_ASCII));
    });
    cut = serve(s -> s.write(new byte[] {0x00, 0x01}));
  }

  interface Greeting {
    void greet(OutputStream out) throws IOException;
  }

  private static ServerSocket serve(Greeting g) throws IOException {
    ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket s = server.accept()) {
          g.greet(s.getOutputStream());
          s.getOutputStream().flush();
        } catch (IOException closed) {
          // next client, or the server closed
        }
      }
    }, "expect-bytes-test-server");
    t.setDaemon(true);
    t.start();
    return server;
  }

  @AfterAll
  static void stop() throws Exception {
    full.close();
    cut.close();
  }

  @Test
  void exactBytesThenALineWhoseGroupsAreRecorded() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", full.getLocalPort()).expectBytes(GREETING)
        .expect("^220 (?<host>[a-z.]+) (\\w+)").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.steps().get(0).observed()).isEqualTo("\"\\x00\\x01OK\\xff\"");
    ConversationRecord line = r.steps().get(1);
    assertThat(line.captures()).isEqualTo(Map.of("0", "220 mail.test ready", "1", "mail.test", "2", "ready",
        "host", "mail.test"));
  }

  @Test
  void otherBytesFail() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", full.getLocalPort())
        .expectBytes(new byte[] {0x00, 0x02}).run();
    assertThat(r.failure().orElseThrow().kind()).isEqualTo(FailureKind.ASSERTION_FAILED);
    assertThat(r.failure().get().message()).isEqualTo("step 1 expect bytes \"\\x00\\x02\" failed: other bytes: "
        + "\"\\x00\\x01\"");
  }

  @Test
  void aConnectionClosedBeforeAllBytesFails() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", cut.getLocalPort()).expectBytes(GREETING).run();
    assertThat(r.failure().orElseThrow().kind()).isEqualTo(FailureKind.ASSERTION_FAILED);
    assertThat(r.failure().get().message()).contains("connection closed after 2 of 5 bytes: \"\\x00\\x01\"");
  }
}
