package io.netprobe.sockets.internal.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.sockets.TcpConversationResult;
import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Conversations with a real redis-server (Debian), started on a free loopback port, nothing saved. */
class RedisConversationIT {
  private static final Path BINARY = Path.of("/usr/bin/redis-server");
  private static final ProbeClient CLIENT = Probes.builder().backend(new SocketConversationBackend())
      .timeout(Duration.ofSeconds(3)).build();
  private static LoopbackDaemon redis;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(BINARY), "redis-server not installed (apt-get install redis-server)");
    port = FreePorts.tcp();
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "redis-");
    redis = LoopbackDaemon.start(List.of(BINARY.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", "no", "--dir", dir.toAbsolutePath().toString()), dir.resolve("redis.log"), port);
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void pingAnswersPong() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", port).send("PING").expect("^\\+PONG").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.steps().get(1).observed()).isEqualTo("\"+PONG\"");
  }

  @Test
  void capturesCarryIntoLaterSends() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", port).send("SET netprobe:k v42")
        .expect("^\\+OK").send("GET netprobe:k").expect("^(v\\d+)$").send("ECHO ${1}-again").expect("^v42-again$")
        .send("QUIT").expect("^\\+OK").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.steps().get(4).observed()).isEqualTo("\"ECHO v42-again\"");
  }

  @Test
  void aWrongAnswerSaysWhatCameBack() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", port).send("NOSUCHCOMMAND")
        .expect("^\\+OK").send("QUIT").timeout(Duration.ofSeconds(1)).run();
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(r.failedStep().get().index()).isEqualTo(2);
    assertThat(r.failedStep().get().observed()).contains("-ERR unknown command");
  }
}
