package io.netprobe.sockets.internal.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.http.TlsProblem;
import io.netprobe.sockets.TcpConversationResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversations with an in-JVM SMTP-like server: plain, STARTTLS, TLS on connect, captures and failures. */
class TcpConversationTest {
  private static final ProbeClient CLIENT = Probes.builder().backend(new SocketConversationBackend())
      .timeout(Duration.ofSeconds(5)).build();
  private static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("conversation test root").build();
  private static final HeldCertificate LEAF = new HeldCertificate.Builder().commonName("smtp.test")
      .addSubjectAlternativeName("smtp.test").signedBy(ROOT).build();

  @TempDir static Path dir;
  private static Path caFile;
  private static SmtpLikeServer starttls;
  private static SmtpLikeServer onConnect;

  @BeforeAll
  static void start() throws Exception {
    caFile = Files.writeString(dir.resolve("ca.pem"), ROOT.certificatePem());
    var serverTls = new HandshakeCertificates.Builder().heldCertificate(LEAF, ROOT.certificate()).build()
        .sslSocketFactory();
    starttls = new SmtpLikeServer(InetAddress.getByName("127.0.0.1"), serverTls, false);
    onConnect = new SmtpLikeServer(InetAddress.getByName("127.0.0.1"), serverTls, true);
  }

  @AfterAll
  static void stop() throws Exception {
    starttls.close();
    onConnect.close();
  }

  @Test
  void smtpWithStartTlsUsesCapturesAndReportsTheCertificate() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", starttls.port())
        .expect("^220 (?<host>\\S+) ESMTP").send("EHLO ${host}").expect("^250-STARTTLS").expect("^250 ")
        .send("STARTTLS").expect("^220 ").startTls().send("EHLO again").expect("^250 OK").send("QUIT")
        .expect("^221").serverName("smtp.test").caFile(caFile).run();
    assertThat(r.failure()).isEmpty();
    assertThat(starttls.lines).contains("EHLO smtp.test", "EHLO again");
    assertThat(r.steps()).hasSize(11).allMatch(s -> s.ok());
    assertThat(r.steps().get(1).observed()).isEqualTo("\"EHLO smtp.test\"");
    assertThat(r.tls()).hasValueSatisfying(t -> {
      assertThat(t.protocol()).startsWith("TLSv1.");
      assertThat(t.cipherSuite()).startsWith("TLS_");
      assertThat(t.problems()).isEmpty();
      assertThat(t.leaf().get().subjectAlternativeNames()).containsExactly("smtp.test");
      assertThat(t.leaf().get().notAfter()).isEqualTo(LEAF.certificate().getNotAfter().toInstant());
      assertThat(t.chain()).hasSize(2);
    });
  }

  @Test
  void aFailedExpectSaysWhichStepAndWhatCameBack() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", starttls.port()).expect("^220 ")
        .send("HELO x").expect("^250 ").timeout(Duration.ofSeconds(1)).run();
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(r.failedStep()).hasValueSatisfying(s -> {
      assertThat(s.index()).isEqualTo(3);
      assertThat(s.observed()).contains("\"500 unknown command\"");
    });
    assertThat(r.failure().get().message()).startsWith("step 3 expect /^250 /");
  }

  @Test
  void theConnectionClosingBeforeAMatchFailsTheExpect() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", starttls.port()).expect("^220 ").send("QUIT")
        .expect("^250 ").timeout(Duration.ofSeconds(3)).run();
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.ASSERTION_FAILED);
    assertThat(r.failure().get().message()).isEqualTo("step 3 expect /^250 / failed: the connection closed without "
        + "a matching line; got \"221 Bye\"");
  }

  @Test
  void startTlsWithoutTrustingTheCaIsUntrustedAndInsecureGoesOnReportingIt() {
    TcpConversationResult strict = CLIENT.tcpConversation("127.0.0.1", starttls.port()).expect("^220 ")
        .send("STARTTLS").expect("^220 ").startTls().serverName("smtp.test").run();
    assertThat(strict.failure().get().kind()).isEqualTo(FailureKind.TLS_UNTRUSTED);
    assertThat(strict.failedStep().get().index()).isEqualTo(4);

    TcpConversationResult insecure = CLIENT.tcpConversation("127.0.0.1", starttls.port()).expect("^220 ")
        .send("STARTTLS").expect("^220 ").startTls().send("QUIT").expect("^221").serverName("smtp.test")
        .insecure().run();
    assertThat(insecure.failure()).isEmpty();
    assertThat(insecure.tls().get().problems()).containsExactly(TlsProblem.UNTRUSTED_ISSUER);
  }

  @Test
  void theWrongServerNameIsAHostnameMismatch() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", onConnect.port()).tls().caFile(caFile)
        .serverName("other.test").expect("^220").run();
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.TLS_HOSTNAME_MISMATCH);
  }

  @Test
  void tlsOnConnect() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", onConnect.port()).tls().serverName("smtp.test")
        .caFile(caFile).expect("^220 smtp.test").send("QUIT").expect("^221").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.tls().get().leaf().get().subject()).isEqualTo("CN=smtp.test");
  }

  @Test
  void aSilentPeerIsATimeoutWithinTheDeadlineSayingNothingCame() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      long start = System.nanoTime();
      TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", silent.getLocalPort()).expect("^220")
          .timeout(Duration.ofMillis(500)).run();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
      assertThat(r.failure().get().kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(r.failedStep().get().observed()).isEqualTo("no match before the deadline; got nothing");
    }
  }

  @Test
  void aPeerThatNeverReadsCannotHoldAWritePastTheDeadline() throws Exception {
    try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      // accepted by the kernel, never read: 16 MB fill both socket buffers, so the write blocks
      String big = "x".repeat(16 * 1024 * 1024);
      long start = System.nanoTime();
      TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", deaf.getLocalPort()).send(big)
          .timeout(Duration.ofMillis(500)).run();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
      assertThat(r.failure().get().kind()).isEqualTo(FailureKind.TIMEOUT);
      // Usually the conversation's own verdict, so the write returned. On a loaded machine the client's overrun
      // answer ("no result within ...", 100 ms after the deadline) may come first; then the write must still be
      // unblocked by the deadline's close: no thread may stay in a socket write.
      String message = r.failure().get().message();
      if (!message.contains("outlived the deadline")) {
        assertThat(message).contains("no result within");
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (writing() && System.nanoTime() < until) {
          Thread.sleep(20);
        }
        assertThat(writing()).as("a thread still blocked writing to the deaf peer").isFalse();
      }
    }
  }

  /** Whether a thread of this JVM is blocked in a socket write (the conversation's, to the deaf peer). */
  private static boolean writing() {
    return Thread.getAllStackTraces().values().stream().anyMatch(stack -> java.util.Arrays.stream(stack)
        .anyMatch(f -> f.getClassName().startsWith("sun.nio.ch.") && f.getMethodName().startsWith("write")
            || f.getClassName().equals("java.net.SocketOutputStream") && f.getMethodName().startsWith("socketWrite")));
  }

  @Test
  void secretSendsAreNeverShownAndControlCharactersAreEscaped() {
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", starttls.port()).expect("^220 ")
        .sendSecret("AUTH PLAIN c2VjcmV0LXB3").expect("^250").timeout(Duration.ofSeconds(1)).run();
    assertThat(r.toString()).doesNotContain("c2VjcmV0LXB3");
    assertThat(r.steps().get(1).observed()).isEqualTo("<redacted>");
    assertThat(r.steps().get(2).observed()).contains("\"500 unknown command\"");
  }

  @Test
  void connectsFromTheSourceAddress() throws Exception {
    int before = starttls.peers.size();
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", starttls.port()).sourceAddress("127.0.0.2")
        .expect("^220").send("QUIT").expect("^221").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.local().get().getAddress().getHostAddress()).isEqualTo("127.0.0.2");
    assertThat(starttls.peers.get(before).getHostAddress()).isEqualTo("127.0.0.2");
    TcpConversationResult foreign = CLIENT.tcpConversation("127.0.0.1", starttls.port())
        .sourceAddress("192.0.2.44").expect("^220").run();
    assertThat(foreign.failure().get().message()).contains("cannot use source address 192.0.2.44");
  }

  @Test
  void refusedIsTyped() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", port).expect("x").run();
    assertThat(r.failure().get().kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(r.steps()).isEmpty();
  }
}
