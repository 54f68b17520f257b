package io.netprobe.sockets.internal.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.http.TlsVersion;
import io.netprobe.sockets.TcpConversationResult;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A conversation's client certificate and TLS version bounds against in-JVM servers that require a client
 * certificate signed by the test's CA, or speak TLS 1.2 only.
 */
class ConversationTlsOptionsTest {
  private static final ProbeClient CLIENT = Probes.builder().backend(new SocketConversationBackend())
      .timeout(Duration.ofSeconds(5)).build();
  private static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("conversation options root").build();
  private static final HeldCertificate LEAF = new HeldCertificate.Builder().commonName("smtp.test")
      .addSubjectAlternativeName("smtp.test").signedBy(ROOT).build();
  private static final HeldCertificate PROBE = new HeldCertificate.Builder().commonName("probe").signedBy(ROOT)
      .build();

  @TempDir static Path dir;
  private static Path ca;
  private static Path cert;
  private static Path key;
  private static SmtpLikeServer mutual;
  private static SmtpLikeServer tls12;

  @BeforeAll
  static void start() throws Exception {
    ca = Files.writeString(dir.resolve("ca.pem"), ROOT.certificatePem());
    cert = Files.writeString(dir.resolve("probe.pem"), PROBE.certificatePem());
    key = Files.writeString(dir.resolve("probe.key"), PROBE.privateKeyPkcs8Pem());
    var serverTls = new HandshakeCertificates.Builder().heldCertificate(LEAF, ROOT.certificate())
        .addTrustedCertificate(ROOT.certificate()).build().sslSocketFactory();
    mutual = new SmtpLikeServer(InetAddress.getByName("127.0.0.1"), serverTls, true, s -> s.setNeedClientAuth(true));
    tls12 = new SmtpLikeServer(InetAddress.getByName("127.0.0.1"), serverTls, true,
        s -> s.setEnabledProtocols(new String[] {"TLSv1.2"}));
  }

  @AfterAll
  static void stop() throws Exception {
    mutual.close();
    tls12.close();
  }

  @Test
  void aServerRequiringAClientCertificateGetsOne() {
    TcpConversationResult without = CLIENT.tcpConversation("127.0.0.1", mutual.port()).tls().serverName("smtp.test")
        .caFile(ca).expect("^220 ").run();
    assertThat(without.isSuccess()).isFalse();
    TcpConversationResult with = CLIENT.tcpConversation("127.0.0.1", mutual.port()).tls().serverName("smtp.test")
        .caFile(ca).clientCertificate(cert, key).expect("^220 smtp.test").send("QUIT").expect("^221").run();
    assertThat(with.failure()).isEmpty();
  }

  @Test
  void tlsVersionBounds() {
    TcpConversationResult v12 = CLIENT.tcpConversation("127.0.0.1", tls12.port()).tls().serverName("smtp.test")
        .caFile(ca).tlsVersions(null, TlsVersion.TLS_1_2).expect("^220 ").run();
    assertThat(v12.failure()).isEmpty();
    assertThat(v12.tls().orElseThrow().protocol()).isEqualTo("TLSv1.2");
    TcpConversationResult v13 = CLIENT.tcpConversation("127.0.0.1", tls12.port()).tls().serverName("smtp.test")
        .caFile(ca).tlsVersions(TlsVersion.TLS_1_3, null).expect("^220 ").run();
    assertThat(v13.failure().orElseThrow().kind()).isEqualTo(FailureKind.TLS_HANDSHAKE);
  }

  @Test
  void anUnreadableKeyIsATlsFailureNamingTheFile() throws Exception {
    Path encrypted = Files.writeString(dir.resolve("bad.key"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n");
    TcpConversationResult r = CLIENT.tcpConversation("127.0.0.1", mutual.port()).tls().serverName("smtp.test")
        .caFile(ca).clientCertificate(cert, encrypted).expect("^220 ").run();
    assertThat(r.failure().orElseThrow().message()).contains("bad.key");
  }
}
