package io.netprobe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netprobe head --http1.1}, like curl's: HTTP/1.1 offered alone to a server that speaks HTTP/2 too. */
class HttpVersionOptionsCliTest {
  private final ProbeClient client = Probes.builder().timeout(Duration.ofSeconds(5)).build();

  @Test
  void http11OffersOnlyHttp11ToAServerThatSpeaksHttp2(@TempDir Path dir) throws Exception {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).build();
    HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").signedBy(ca).build();
    Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory());
      server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      server.enqueue(new MockResponse.Builder().code(204).build());
      server.enqueue(new MockResponse.Builder().code(204).build());
      String url = "https://127.0.0.1:" + server.getPort() + "/";
      CliTest.Run h2 = CliTest.run(client, "head", url, "--cacert", caFile.toString());
      CliTest.Run h1 = CliTest.run(client, "head", url, "--cacert", caFile.toString(), "--http1.1");
      assertThat(h2.exit()).as(h2.err()).isZero();
      assertThat(h2.out()).startsWith("HTTP/2 204");
      assertThat(h1.exit()).as(h1.err()).isZero();
      assertThat(h1.out()).startsWith("HTTP/1.1 204");
      assertThat(server.takeRequest(2, TimeUnit.SECONDS).getVersion()).isEqualTo("HTTP/2");
      assertThat(server.takeRequest(2, TimeUnit.SECONDS).getVersion()).isEqualTo("HTTP/1.1");
    }
  }
}
