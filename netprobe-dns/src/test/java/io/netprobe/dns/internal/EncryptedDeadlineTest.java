package io.netprobe.dns.internal;

import static io.netprobe.testing.contract.ContractAssertions.returnsByDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.dns.DnsResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * DNS over TLS and HTTPS to a server that accepts connections and never speaks: the lookup returns TIMEOUT by its
 * deadline, and cancelling it closes the connection; DNSSEC validation over HTTPS, which it cannot use yet, says so.
 */
class EncryptedDeadlineTest {

  private static ServerSocketChannel mute() throws IOException {
    return ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
  }

  @Test
  void tlsAndHttpsToAMuteServerTimeOutByTheDeadline() throws IOException {
    try (ServerSocketChannel mute = mute();
        ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).build()) {
      int port = mute.socket().getLocalPort();
      // the first TLS context of a JVM takes a while to make (longer than this deadline on a busy machine)
      client.dns("warm-up.example.test").server("127.0.0.1", port).overTls().timeout(Duration.ofMillis(200)).run();
      Duration timeout = Duration.ofMillis(500);
      DnsResult tls = returnsByDeadline(timeout, () -> client.dns("www.example.test").server("127.0.0.1", port)
          .overTls().timeout(timeout).run());
      // the backend's own "could not finish the TLS handshake" or, on a busy machine, the client's deadline
      assertThat(tls.failureKind()).contains(FailureKind.TIMEOUT);
      DnsResult https = returnsByDeadline(timeout, () -> client.dns("www.example.test")
          .overHttps(URI.create("https://127.0.0.1:" + port + "/dns-query")).timeout(timeout).run());
      assertThat(https.failureKind()).contains(FailureKind.TIMEOUT);
    }
  }

  @Test
  void cancellingATlsLookupClosesItsConnection() throws Exception {
    try (ServerSocketChannel mute = mute();
        ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).build()) {
      int port = mute.socket().getLocalPort();
      CompletableFuture<DnsResult> f = client.dns("www.example.test").server("127.0.0.1", port).overTls()
          .timeout(Duration.ofSeconds(10)).runAsync();
      Await.until(Duration.ofSeconds(3), () -> OwnSockets.tcpTo(port) == 1);
      f.cancel(true);
      Await.until(Duration.ofSeconds(3), () -> OwnSockets.tcpTo(port) == 0);
    }
  }

  @Test
  void validationOverHttpsOrFromASourceAddressOverPlainDnsSaysItIsNotSupported() {
    try (ProbeClient client = Probes.builder().backend(new DnsjavaBackend()).build()) {
      var overTls = client.dns("www.example.test").overHttps(URI.create("https://127.0.0.1:9/dns-query")).validate()
          .run();
      var fromSource = client.dns("www.example.test").server("127.0.0.1", 9).source("127.0.0.2").validate().run();
      for (var r : java.util.List.of(overTls, fromSource)) {
        assertThat(r.failureKind()).contains(FailureKind.UNSUPPORTED_PLATFORM);
        assertThat(r.failure().orElseThrow().message()).contains("not supported yet");
      }
    }
  }
}
