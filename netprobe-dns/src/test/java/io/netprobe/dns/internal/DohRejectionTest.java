package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsEncryption;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DNS-over-HTTPS server whose certificate the configured CA did not sign is TLS_UNTRUSTED even when the JDK's HTTP
 * client reports the handshake it aborted as a closed connection (EncryptedDnsIT saw NETWORK_ERROR once): the trust
 * remembers what it rejected, per peer, and the failure of the exchange asks it.
 */
class DohRejectionTest {
  private static final String WHERE = "https://127.0.0.1:8443/dns-query";

  @TempDir
  Path dir;

  @Test
  void aRejectedCertificateNamesTheFailureWhenTheClientOnlySaysTheConnectionClosed() throws Exception {
    X509Certificate server = certificate("server", "dns.test");
    certificate("other", "other.test");
    Path otherCa = dir.resolve("other.pem");
    TlsTrust trust = TlsTrust.of(DnsEncryption.https(URI.create(WHERE)).withCaFile(otherCa));
    long before = System.nanoTime();
    SSLEngine engine = trust.context().createSSLEngine("127.0.0.1", 8443);
    assertThatThrownBy(() -> trust.trustManager().checkServerTrusted(new X509Certificate[] {server}, "ECDHE_ECDSA",
        engine)).isInstanceOf(CertificateException.class);

    ProbeFailure rejected = trust.rejectedSince("127.0.0.1", 8443, before, WHERE);
    assertThat(rejected).isNotNull();
    assertThat(rejected.kind()).isEqualTo(FailureKind.TLS_UNTRUSTED);
    // another peer, or an exchange that began after the rejection, is not told about it
    assertThat(trust.rejectedSince("127.0.0.1", 8444, before, WHERE)).isNull();
    assertThat(trust.rejectedSince("127.0.0.1", 8443, System.nanoTime(), WHERE)).isNull();

    InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 8443);
    IOException closed = new IOException("HTTP/1.1 header parser received no bytes");
    assertThat(EncryptedTransport.failure(closed, peer, null, WHERE, rejected).kind())
        .isEqualTo(FailureKind.TLS_UNTRUSTED);
    assertThat(EncryptedTransport.failure(closed, peer, null, WHERE, null).kind())
        .isNotEqualTo(FailureKind.TLS_UNTRUSTED);
  }

  /** A self-signed certificate made by openssl, kept in {@code name}.pem. */
  private X509Certificate certificate(String name, String cn) throws Exception {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/openssl"))).as("openssl is not installed").isTrue();
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve(name + ".key").toString(), "-out",
        dir.resolve(name + ".pem").toString(), "-days", "30", "-subj", "/CN=" + cn, "-addext",
        "subjectAltName=DNS:" + cn + ",IP:127.0.0.1").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    try (InputStream in = Files.newInputStream(dir.resolve(name + ".pem"))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
