package io.netprobe.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.TlsImplementation;
import io.netprobe.http.TlsInfo;
import io.netprobe.internal.SystemResolver;
import io.netprobe.testing.contract.ContractAssertions;
import io.netprobe.text.ClassicText;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which TLS implementation makes the handshake: AUTO, explicit choices, and a machine where Conscrypt cannot load. */
class TlsImplementationTest {
  private final MockWebServer server = new MockWebServer();

  @AfterEach
  void stop() {
    server.close();
  }

  private String startHttps() throws IOException {
    server.useHttps(TestPki.serverFactory(TestPki.leaf("example.test")));
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse.Builder().code(204).build());
    }
    return "https://example.test:" + server.getPort() + "/";
  }

  private static ProbeClient client(TlsStack stack) {
    return Probes.builder().backend(new OkHttpBackend(TestPki.trust(), SystemResolver::resolve, stack))
        .timeout(Duration.ofSeconds(5)).build();
  }

  private static HttpProbeResult head(ProbeClient client, String url, TlsImplementation tls) {
    return client.http(url).resolve("example.test", "127.0.0.1").tls(tls).run();
  }

  @Test
  void autoUsesConscryptWhereItShipsANativeLibrary() throws Exception {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64")),
        "Conscrypt ships native libraries for Linux x86-64 and AArch64 (and macOS, Windows x86-64); this is " + os
            + "/" + arch);
    assertThat(ConscryptSupport.get().provider()).as(ConscryptSupport.get().unavailableReason()).isPresent();
    HttpProbeResult r = head(client(TlsStack.system()), startHttps(), TlsImplementation.AUTO);
    assertThat(r.status()).contains(204);
    assertThat(r.tls().orElseThrow().implementation()).isEqualTo(TlsImplementation.CONSCRYPT);
    assertThat(ClassicText.render(r)).contains("(Conscrypt)");
  }

  @Test
  void bothImplementationsSeeTheSameServerTheSameWay() throws Exception {
    assumeTrue(ConscryptSupport.get().provider().isPresent(), ConscryptSupport.get().unavailableReason());
    String url = startHttps();
    ProbeClient client = client(TlsStack.system());
    HttpProbeResult jdk = head(client, url, TlsImplementation.JDK);
    HttpProbeResult conscrypt = head(client, url, TlsImplementation.CONSCRYPT);
    for (HttpProbeResult r : List.of(jdk, conscrypt)) {
      assertThat(r.status()).contains(204);
      assertThat(r.version()).contains(HttpVersion.HTTP_2);
    }
    TlsInfo a = jdk.tls().orElseThrow();
    TlsInfo b = conscrypt.tls().orElseThrow();
    assertThat(a.implementation()).isEqualTo(TlsImplementation.JDK);
    assertThat(b.implementation()).isEqualTo(TlsImplementation.CONSCRYPT);
    assertThat(b.protocol()).isEqualTo(a.protocol()).isEqualTo("TLSv1.3");
    assertThat(b.alpn()).isEqualTo(a.alpn()).contains("h2");
    assertThat(b.chain()).extracting(CertificateInfo::sha256Fingerprint)
        .isEqualTo(a.chain().stream().map(CertificateInfo::sha256Fingerprint).toList()).hasSize(2);
    assertThat(b.chain()).isEqualTo(a.chain());
    assertThat(a.verified()).isTrue();
    assertThat(b.verified()).isTrue();
    assertThat(ClassicText.render(jdk)).contains("(JDK)");
  }

  @Test
  void conscryptSocketsBorrowTheirDirectBuffersFromThePool() throws Exception {
    assumeTrue(ConscryptSupport.get().provider().isPresent(), ConscryptSupport.get().unavailableReason());
    server.useHttps(TestPki.serverFactory(TestPki.leaf("example.test")));
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    int probes = 40;
    for (int i = 0; i < probes; i++) {
      server.enqueue(new MockResponse.Builder().code(204).build());
    }
    String url = "https://example.test:" + server.getPort() + "/";
    ProbeClient client = client(TlsStack.system());
    head(client, url, TlsImplementation.CONSCRYPT); // the first probe fills the pool
    int allocatedBefore = DirectBufferPool.SHARED.allocated();
    for (int i = 1; i < probes; i++) {
      assertThat(head(client, url, TlsImplementation.CONSCRYPT).status()).contains(204);
    }
    // without the pool every socket allocates at least one 16 KiB direct buffer, freed only by the collector
    assertThat(DirectBufferPool.SHARED.allocated() - allocatedBefore).isLessThan(probes / 4);
    assertThat(DirectBufferPool.SHARED.idle()).isPositive();
  }

  @Test
  void withoutConscryptAutoFallsBackToTheJdkAndAnExplicitAskFailsTyped() throws Exception {
    ProbeClient client = client(new TlsStack(TlsImplementation.AUTO,
        deadline -> Optional.of(ConscryptSupport.unavailable("no native library for this platform (test)"))));
    String url = startHttps();

    HttpProbeResult auto = head(client, url, TlsImplementation.AUTO);
    assertThat(auto.status()).contains(204);
    assertThat(auto.tls().orElseThrow().implementation()).isEqualTo(TlsImplementation.JDK);

    HttpProbeResult asked = head(client, url, TlsImplementation.CONSCRYPT);
    assertThat(asked.failureKind()).contains(FailureKind.UNSUPPORTED_PLATFORM);
    assertThat(asked.failure().orElseThrow().message()).contains("CONSCRYPT").contains("(test)").contains("JDK");
    assertThat(asked.hops()).isEmpty();
  }

  @Test
  void aProbeWaitsForConscryptToLoadOnlyUntilItsDeadline() throws Exception {
    String url = startHttps();
    ProbeClient client = client(new TlsStack(TlsImplementation.AUTO, deadline -> {
      try {
        Thread.sleep(deadline.remainingMillisForSocket()); // still loading when the deadline passes
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Optional.empty();
    }));
    Duration timeout = Duration.ofMillis(300);
    HttpProbeResult r = ContractAssertions.returnsByDeadline(timeout, () -> client.http(url)
        .resolve("example.test", "127.0.0.1").timeout(timeout).run());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.failure().orElseThrow().message()).contains("TLS library was still loading");
    assertThat(head(client, url, TlsImplementation.JDK).status()).as("the JDK's TLS does not wait").contains(204);
  }

  @Test
  void plainHttpNeverNeedsConscrypt() throws Exception {
    ProbeClient client = client(new TlsStack(TlsImplementation.AUTO, deadline -> {
      throw new AssertionError("plain http asked whether Conscrypt loads");
    }));
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse.Builder().code(200).build());
    HttpProbeResult r = client.http("http://127.0.0.1:" + server.getPort() + "/").tls(TlsImplementation.CONSCRYPT)
        .run();
    assertThat(r.status()).contains(200);
    assertThat(r.tls()).isEmpty();
  }

  @Test
  void aJvmWithoutFinalizationDoesNotUseConscrypt() {
    assertThat(ConscryptSupport.finalizationDisabled(List.of("-Xmx64m", "--finalization=disabled"))).isTrue();
    assertThat(ConscryptSupport.finalizationDisabled(List.of("--finalization=enabled"))).isFalse();
    assertThat(ConscryptSupport.finalizationDisabled(List.of())).isFalse();
  }

  @Test
  void conscryptsTls13KeyExchangeNameIsTranslatedForTheJdkTrustManager() {
    assertThat(TlsInspection.jdkAuthType("GENERIC")).isEqualTo("UNKNOWN");
    assertThat(TlsInspection.jdkAuthType("ECDHE_ECDSA")).isEqualTo("ECDHE_ECDSA");
    assertThat(TlsInspection.jdkAuthType("UNKNOWN")).isEqualTo("UNKNOWN");
  }
}
