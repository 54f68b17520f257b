package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.http.TlsVersion;
import io.netprobe.testing.LocalUnbound;
import io.netprobe.testing.MutualTlsDnsServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS over TLS with client certificates and TLS version bounds: the versions against a real unbound (the TLS facts
 * name the version negotiated), client certificates against {@link MutualTlsDnsServer} (JDK TLS that requires a
 * certificate signed by its CA and answers every A query with 192.0.2.53), since unbound cannot require one; kept
 * connections are not shared between queries with other TLS options.
 */
class DotTlsOptionsIT {
  @TempDir static Path dir;
  private static LocalUnbound unbound;
  private static ProbeClient client;
  private static MutualTlsDnsServer server;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(LocalUnbound.installed(), "unbound needed");
    unbound = LocalUnbound.start();
    client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(5)).build();
    server = MutualTlsDnsServer.start(dir);
  }

  @AfterAll
  static void stop() throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (unbound != null) {
      unbound.close();
    }
  }

  private static DnsRequest unboundTls() {
    return client.dns("www.example.test").server("127.0.0.1", unbound.tlsPort).overTls().tlsCaFile(unbound.cert)
        .tlsServerName("dns.test");
  }

  private static DnsRequest mutual() {
    return client.dns("www.example.test").server("127.0.0.1", server.port()).overTls().tlsCaFile(server.ca)
        .tlsServerName("dot.test");
  }

  @Test
  void versionBoundsChooseWhatUnboundNegotiates() {
    DnsResult only13 = unboundTls().tlsVersions(TlsVersion.TLS_1_3, null).run();
    assertThat(only13.failure()).isEmpty();
    assertThat(only13.tls().orElseThrow().protocol()).isEqualTo("TLSv1.3");
    DnsResult only12 = unboundTls().tlsVersions(null, TlsVersion.TLS_1_2).run();
    assertThat(only12.failure()).isEmpty();
    assertThat(only12.tls().orElseThrow().protocol()).isEqualTo("TLSv1.2");
    assertThat(only12.answers()).extracting(DnsAnswer::data).containsExactlyInAnyOrder("192.0.2.80", "192.0.2.81");
    assertThatThrownBy(() -> unboundTls().tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the minimum TLS version TLS_1_3 is above the maximum TLS_1_2");
    // the bounds hold for DNS over HTTPS too
    DnsResult https12 = client.dns("www.example.test").overHttps(java.net.URI.create("https://127.0.0.1:"
        + unbound.httpsPort + "/dns-query")).tlsCaFile(unbound.cert).tlsVersions(null, TlsVersion.TLS_1_2).run();
    assertThat(https12.failure()).isEmpty();
    assertThat(https12.tls().orElseThrow().protocol()).isEqualTo("TLSv1.2");
    assertThatThrownBy(() -> client.dns("x.test").tlsVersions(null, TlsVersion.TLS_1_2))
        .hasMessage("tlsVersions() needs overTls() or overHttps() first");
  }

  @Test
  void aServerThatRequiresAClientCertificateGetsOneAndConnectionsAreNotSharedAcrossOptions() {
    DnsResult with = mutual().tlsClientCertificate(server.clientCert, server.clientKey).run();
    assertThat(with.failure()).isEmpty();
    assertThat(with.answers()).extracting(DnsAnswer::data).containsExactly("192.0.2.53");
    assertThat(server.clients).contains("CN=probe");
    int connections = server.accepted.get();
    // the kept connection presented a certificate: a query without one must not ride on it
    DnsResult without = mutual().run();
    assertThat(without.isSuccess()).isFalse();
    // (the query's own retries each try a new connection)
    assertThat(server.accepted.get()).isGreaterThan(connections);
    connections = server.accepted.get();
    // nor one with other TLS versions
    assertThat(mutual().tlsClientCertificate(server.clientCert, server.clientKey)
        .tlsVersions(TlsVersion.TLS_1_3, null).run().failure()).isEmpty();
    assertThat(server.accepted.get()).isEqualTo(connections + 1);
    // the same options again: the kept connection
    assertThat(mutual().tlsClientCertificate(server.clientCert, server.clientKey).run().failure()).isEmpty();
    assertThat(server.accepted.get()).isEqualTo(connections + 1);
  }

  @Test
  void anUnreadableClientKeyFailsTheQuerySayingWhich() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.key"), "not a key");
    DnsResult r = mutual().tlsClientCertificate(server.clientCert, bad).run();
    assertThat(r.isSuccess()).isFalse();
    assertThat(r.failure().orElseThrow().message()).contains("client certificate").contains("bad.key");
  }
}
