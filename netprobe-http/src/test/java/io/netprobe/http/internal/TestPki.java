package io.netprobe.http.internal;

import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/** A private CA made once per test run, and server certificates signed by it (or self-signed). */
final class TestPki {
  static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
      .commonName("netprobe test root").duration(2, java.util.concurrent.TimeUnit.DAYS).build();

  private TestPki() {}

  /** A leaf for {@code names}, valid from {@code from} to {@code to}, signed by {@link #ROOT}. */
  static HeldCertificate leaf(Instant from, Instant to, String... names) {
    return builder(from, to, names).signedBy(ROOT).build();
  }

  static HeldCertificate leaf(String... names) {
    return leaf(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(10)), names);
  }

  static HeldCertificate selfSigned(String... names) {
    return builder(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(10)), names).build();
  }

  private static HeldCertificate.Builder builder(Instant from, Instant to, String... names) {
    HeldCertificate.Builder b = new HeldCertificate.Builder().commonName(names[0])
        .validityInterval(from.toEpochMilli(), to.toEpochMilli());
    for (String n : names) {
      b.addSubjectAlternativeName(n);
    }
    return b;
  }

  /** The server side of a TLS handshake presenting {@code leaf} (and the root, as real servers send chains). */
  static SSLSocketFactory serverFactory(HeldCertificate leaf) {
    boolean selfSigned = leaf.certificate().getIssuerX500Principal().equals(leaf.certificate().getSubjectX500Principal());
    HandshakeCertificates.Builder b = new HandshakeCertificates.Builder();
    if (selfSigned) {
      b.heldCertificate(leaf);
    } else {
      b.heldCertificate(leaf, ROOT.certificate());
    }
    return b.build().sslSocketFactory();
  }

  /** A trust manager that trusts only {@link #ROOT}. */
  static X509ExtendedTrustManager trust() {
    X509TrustManager tm = new HandshakeCertificates.Builder().addTrustedCertificate(ROOT.certificate()).build()
        .trustManager();
    return (X509ExtendedTrustManager) tm;
  }
}
