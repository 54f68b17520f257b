package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsValidationRequest;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.DnssecStatus;
import io.netprobe.dns.RecordType;
import io.netprobe.testing.FakeDnsBackend;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNSSEC validation against a zone the test signs, served by NSD, with the zone key as trust anchor. */
class DnssecValidationIT {
  private static Nsd nsd;
  private static ZoneSigner.Signed signed;
  private static ProbeClient client;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Nsd.installed(), "nsd is not installed (apt-get install nsd)");
    signed = ZoneSigner.sign("signed.test.", List.of(
        "signed.test. 300 IN SOA ns1.signed.test. hostmaster.signed.test. 1 7200 3600 1209600 300",
        "signed.test. 300 IN NS ns1.signed.test.",
        "ns1.signed.test. 300 IN A 127.0.0.1",
        "www.signed.test. 300 IN A 192.0.2.53",
        "txt.signed.test. 300 IN TXT \"signed text\""));
    Map<String, String> zones = new LinkedHashMap<>();
    zones.put("signed.test", signed.zoneText());
    zones.putAll(TestZones.example("127.0.0.1"));
    nsd = Nsd.start("127.0.0.1", zones);
    client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    if (nsd != null) {
      nsd.close();
    }
  }

  private DnsValidationRequest validate(String name, String type) {
    return client.dns(name).type(type).server(nsd.ip(), nsd.port()).validate()
        .trustAnchor(signed.key().toString());
  }

  @Test
  void signedAnswerIsSecure() {
    DnsValidationResult r = validate("www.signed.test", "A").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.status()).contains(DnssecStatus.SECURE);
    assertThat(r.isSecure()).isTrue();
    DnsResult response = r.response();
    assertThat(response.header().orElseThrow().has(DnsFlag.AD)).isTrue();
    assertThat(response.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.53");
    assertThat(response.server()).contains(nsd.address());
    assertThat(response.additional()).noneMatch(a -> a.dnsClass().startsWith("CLASS"));
  }

  @Test
  void provenNonExistenceIsSecureNxdomainAndNodata() {
    DnsValidationResult missing = validate("nope.signed.test", "A").run();
    assertThat(missing.status()).contains(DnssecStatus.SECURE);
    assertThat(missing.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    DnsValidationResult nodata = validate("www.signed.test", "AAAA").run();
    assertThat(nodata.status()).contains(DnssecStatus.SECURE);
    assertThat(nodata.failureKind()).contains(FailureKind.NO_DATA);
  }

  @Test
  void validationOverTlsIsSecureAndAllItsLookupsShareOneKeptConnection(@TempDir Path dir) throws Exception {
    try (TlsTerminator dot = new TlsTerminator(dir, nsd.ip(), nsd.port())) {
      DnsValidationResult r = client.dns("www.signed.test").server("127.0.0.1", dot.port()).overTls()
          .tlsVerify(false).validate().trustAnchor(signed.key().toString()).run();
      assertThat(r.failure()).as(r.toString()).isEmpty();
      assertThat(r.status()).contains(DnssecStatus.SECURE);
      assertThat(r.response().transport()).contains(io.netprobe.dns.DnsTransport.TLS);
      assertThat(r.response().addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.53");
      DnsValidationResult bogus = client.dns("www.signed.test").server("127.0.0.1", dot.port()).overTls()
          .tlsVerify(false).validate().trustAnchor(ZoneSigner.newKey("signed.test.", new KeyPair[1]).toString())
          .run();
      assertThat(bogus.status()).contains(DnssecStatus.BOGUS);
      // the DNSKEY and answer lookups of both validations went over one TLS connection
      assertThat(dot.accepted.get()).isEqualTo(1);
    }
  }

  @Test
  void wrongTrustAnchorIsBogusWithTheReason() throws Exception {
    String otherKey = ZoneSigner.newKey("signed.test.", new KeyPair[1]).toString();
    DnsValidationResult r = client.dns("www.signed.test").server(nsd.ip(), nsd.port()).validate()
        .trustAnchor(otherKey).run();
    assertThat(r.status()).contains(DnssecStatus.BOGUS);
    assertThat(r.failureKind()).contains(FailureKind.SERVER_FAILURE);
    assertThat(r.reason()).hasValueSatisfying(reason -> assertThat(reason).containsIgnoringCase("signed.test"));
    assertThat(r.failure().orElseThrow().message()).contains("bogus");
  }

  @Test
  void unsignedZoneOutsideTheAnchorIsInsecure() {
    DnsValidationResult r = validate("example.test", "A").run();
    assertThat(r.status()).contains(DnssecStatus.INSECURE);
    assertThat(r.failure()).isEmpty();
    assertThat(r.response().header().orElseThrow().has(DnsFlag.AD)).isFalse();
  }

  @Test
  void plainDnssecQueryShowsTheSignatures() {
    DnsResult r = client.dns("www.signed.test").server(nsd.ip(), nsd.port()).dnssec().run();
    assertThat(r.answers()).extracting(a -> a.type()).contains(RecordType.A, RecordType.RRSIG);
    assertThat(r.edns().orElseThrow().dnssecOk()).isTrue();
  }

  @Test
  void rrsigAndNsecDataEqualDigs() throws Exception {
    Assumptions.assumeTrue(Dig.installed(), "dig is not installed (apt-get install dnsutils)");
    DnsResult r = client.dns("www.signed.test").server(nsd.ip(), nsd.port()).dnssec().run();
    assertThat(r.answers().stream().map(a -> Dig.normalize(a.toString())).toList())
        .isEqualTo(Dig.records(nsd.ip(), nsd.port(), "www.signed.test", "A", "+dnssec", "+noall", "+answer"));
    DnsResult nsec = client.dns("nope.signed.test").server(nsd.ip(), nsd.port()).dnssec().run();
    assertThat(nsec.authority().stream().map(a -> Dig.normalize(a.toString())).toList())
        .isEqualTo(Dig.records(nsd.ip(), nsd.port(), "nope.signed.test", "A", "+dnssec", "+noall", "+authority"));
  }

  @Test
  void backendsWithoutAValidatorSaySo() {
    DnsValidationResult r = Probes.builder().backend(new FakeDnsBackend()).build().dns("www.signed.test")
        .validate().trustAnchor(signed.key().toString()).run();
    assertThat(r.failureKind()).contains(FailureKind.UNSUPPORTED_PLATFORM);
  }

  /**
   * DNS over TLS in front of NSD: terminates TLS with a key made by keytool and relays the length-prefixed messages
   * to NSD's TCP port unchanged (DNS over TCP and over TLS frame them alike). Counts the connections.
   */
  static final class TlsTerminator implements AutoCloseable {
    final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private final javax.net.ssl.SSLServerSocket listener;

    TlsTerminator(Path dir, String nsdIp, int nsdPort) throws Exception {
      Path store = dir.resolve("dot.p12");
      Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
          "-genkeypair", "-alias", "dot", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=dot.test",
          "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
          .redirectErrorStream(true).start();
      String out = new String(keytool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(keytool.waitFor()).as(out).isZero();
      java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
      try (var in = java.nio.file.Files.newInputStream(store)) {
        ks.load(in, "changeit".toCharArray());
      }
      javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
          javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "changeit".toCharArray());
      javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      listener = (javax.net.ssl.SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
          java.net.InetAddress.getByName("127.0.0.1"));
      Thread t = new Thread(() -> {
        while (!listener.isClosed()) {
          try {
            java.net.Socket client = listener.accept();
            accepted.incrementAndGet();
            java.net.Socket server = new java.net.Socket(nsdIp, nsdPort);
            pipe(client, server);
            pipe(server, client);
          } catch (java.io.IOException closed) {
            return;
          }
        }
      }, "dot-terminator");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return listener.getLocalPort();
    }

    private static void pipe(java.net.Socket from, java.net.Socket to) {
      Thread t = new Thread(() -> {
        try {
          from.getInputStream().transferTo(to.getOutputStream());
        } catch (java.io.IOException closed) {
          // either side went away
        } finally {
          try {
            from.close();
            to.close();
          } catch (java.io.IOException ignored) {
            // closing
          }
        }
      }, "dot-terminator-pipe");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws java.io.IOException {
      listener.close();
    }
  }
}
