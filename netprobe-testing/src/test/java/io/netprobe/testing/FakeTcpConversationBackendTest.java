package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.http.TlsProblem;
import io.netprobe.sockets.TcpConversationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeTcpConversationBackendTest {
  private final FakeTcpConversationBackend fake = new FakeTcpConversationBackend()
      .server(6379, line -> line.equals("PING") ? List.of("+PONG") : List.of("-ERR unknown command"))
      .server(25, List.of("220 mail.test ESMTP"), line -> line.equals("QUIT") ? null
          : line.equals("STARTTLS") ? List.of("220 ready") : List.of("250 OK"))
      .tls(25, FakeHttpBackend.tlsFor("mail.test", Instant.now().plus(Duration.ofDays(30))))
      .server(465, line -> List.of())
      .tls(465, FakeHttpBackend.tlsFor("bad.test", Instant.now().plus(Duration.ofDays(30)), TlsProblem.EXPIRED));
  private final ProbeClient client = Probes.builder().backend(fake).timeout(Duration.ofMillis(400)).build();

  @Test
  void scriptsTheWireAndTheCoreJudges() {
    assertThat(client.tcpConversation("127.0.0.1", 6379).send("PING").expect("^\\+PONG").run().isSuccess()).isTrue();
    TcpConversationResult smtp = client.tcpConversation("127.0.0.1", 25).expect("^220 (\\S+)").send("EHLO ${1}")
        .expect("^250").send("STARTTLS").expect("^220").startTls().send("QUIT").run();
    assertThat(smtp.failure()).isEmpty();
    assertThat(smtp.tls().get().leaf().get().subjectAlternativeNames()).contains("mail.test");
    TcpConversationResult closed = client.tcpConversation("127.0.0.1", 25).send("QUIT").expect("^221").run();
    assertThat(closed.failure().get().kind()).isEqualTo(FailureKind.ASSERTION_FAILED);
    TcpConversationResult silent = client.tcpConversation("127.0.0.1", 6379).expect("^hello").run();
    assertThat(silent.failure().get().kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(client.tcpConversation("127.0.0.1", 9).expect("x").run().failure().get().kind())
        .isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(client.tcpConversation("127.0.0.1", 465).tls().run().failure().get().kind())
        .isEqualTo(FailureKind.TLS_CERTIFICATE_EXPIRED);
    assertThat(client.tcpConversation("127.0.0.1", 465).tls().insecure().run().tls().get().problems())
        .containsExactly(TlsProblem.EXPIRED);
  }
}
