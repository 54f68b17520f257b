package io.netprobe.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.Secret;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcHealthSpec;
import io.netprobe.grpc.GrpcServingStatus;
import io.netprobe.sockets.ConversationRecord;
import io.netprobe.sockets.ConversationStep;
import io.netprobe.sockets.TcpConversationResult;
import io.netprobe.sockets.TcpConversationSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConversationAndGrpcTextTest {
  private static final InetAddress LOOPBACK = Host.of("127.0.0.1").literal().orElseThrow();

  @Test
  void aConversationIsATranscriptWithSecretsRedactedAndTheFailingStep() {
    ConversationStep send = new ConversationStep.Send("PING");
    ConversationStep auth = new ConversationStep.SendSecret(Secret.of("AUTH pw-TEXT-1"));
    ConversationStep expect = new ConversationStep.Expect(Pattern.compile("^\\+PONG"));
    TcpConversationSpec spec = new TcpConversationSpec(Host.of("127.0.0.1"), 6379, List.of(auth, send, expect),
        false, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(1));
    TcpConversationResult r = new TcpConversationResult(spec, Optional.of(LOOPBACK),
        Optional.of(new InetSocketAddress(LOOPBACK, 40000)), List.of(new ConversationRecord(1, auth, true,
            "<redacted>"), new ConversationRecord(2, send, true, "\"PING\""), new ConversationRecord(3, expect, false,
            "connection closed; got \"-NOAUTH\"")), Optional.empty(), "socket", Instant.now(),
        Duration.ofMillis(3), Optional.of(ProbeFailure.of(FailureKind.ASSERTION_FAILED, "step 3 expect /^\\+PONG/ "
            + "failed: the connection closed without a matching line; got \"-NOAUTH\"")));
    String text = ClassicText.render(r);
    assertThat(text).isEqualTo("* Connected to 127.0.0.1 port 6379 (127.0.0.1) from 127.0.0.1:40000\n"
        + "> <redacted>\n"
        + "> \"PING\"\n"
        + "! step 3 expect /^\\+PONG/: connection closed; got \"-NOAUTH\"\n"
        + "conversation with 127.0.0.1 port 6379 failed: ASSERTION_FAILED: step 3 expect /^\\+PONG/ failed: the "
        + "connection closed without a matching line; got \"-NOAUTH\"\n");
    assertThat(ClassicText.summary(r)).startsWith("tcp 127.0.0.1:6379: ASSERTION_FAILED: step 3");
    assertThat(text + r).doesNotContain("pw-TEXT-1");
  }

  @Test
  void aHealthCheckIsOneLine() {
    GrpcHealthSpec spec = new GrpcHealthSpec(Host.of("127.0.0.1"), 50051, "orders", false, Optional.empty(),
        Optional.empty(), Duration.ofSeconds(1));
    GrpcHealthResult ok = GrpcHealthResult.answered(spec, GrpcServingStatus.SERVING, "grpc-java", Instant.now(),
        Duration.ofMillis(2));
    assertThat(ClassicText.summary(ok)).isEqualTo("127.0.0.1:50051 service \"orders\" status: SERVING (2.000 ms)");
    GrpcHealthResult unknown = GrpcHealthResult.rpcFailed(spec, 5, "unknown service", null, "grpc-java",
        Instant.now(), Duration.ofMillis(2));
    assertThat(ClassicText.render(unknown)).isEqualTo("127.0.0.1:50051 service \"orders\" error: ASSERTION_FAILED: "
        + "the health service of 127.0.0.1:50051 (service \"orders\") does not know service \"orders\" "
        + "(NOT_FOUND)\n");
  }
}
