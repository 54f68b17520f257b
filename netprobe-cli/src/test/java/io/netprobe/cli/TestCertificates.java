package io.netprobe.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import okhttp3.tls.HeldCertificate;

/**
 * The certificates of the edge-and-origin test, made at run time by a CA of the test's own: {@code ca.pem}, a valid
 * {@code edge.pem}/{@code edge.key} and an expired {@code origin-expired.pem}/{@code origin-expired.key}, all for
 * {@value #HOST}. Immutable once written; thread-safe.
 */
final class TestCertificates {
  static final String HOST = "cdn.netprobe.test";
  private static final String PASSWORD = "netprobe-it";

  private final HeldCertificate ca;
  private final Path dir;

  private TestCertificates(HeldCertificate ca, Path dir) {
    this.ca = ca;
    this.dir = dir;
  }

  /** Makes the CA and the certificates and writes them as PEM files into {@code dir}. */
  static TestCertificates write(Path dir) throws IOException {
    Instant now = Instant.now();
    HeldCertificate ca = new HeldCertificate.Builder().commonName("netprobe test CA").certificateAuthority(0)
        .duration(90, java.util.concurrent.TimeUnit.DAYS).build();
    HeldCertificate edge = new HeldCertificate.Builder().commonName(HOST).addSubjectAlternativeName(HOST)
        .signedBy(ca).duration(90, java.util.concurrent.TimeUnit.DAYS).build();
    HeldCertificate expired = new HeldCertificate.Builder().commonName(HOST).addSubjectAlternativeName(HOST)
        .signedBy(ca).validityInterval(now.minus(Duration.ofDays(100)).toEpochMilli(),
            now.minus(Duration.ofDays(10)).toEpochMilli()).build();
    Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    Files.writeString(dir.resolve("edge.pem"), edge.certificatePem());
    Files.writeString(dir.resolve("edge.key"), edge.privateKeyPkcs8Pem());
    Files.writeString(dir.resolve("origin-expired.pem"), expired.certificatePem());
    Files.writeString(dir.resolve("origin-expired.key"), expired.privateKeyPkcs8Pem());
    return new TestCertificates(ca, dir);
  }

  /**
   * Makes this JVM trust the test CA (only) through {@code javax.net.ssl.trustStore}; returns the restorer. Only
   * loopback and the test's own namespace are probed here, so no public CA is needed.
   */
  AutoCloseable trustInThisProcess() throws IOException {
    Path file = dir.resolve("trust.p12");
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("netprobe-test-ca", ca.certificate());
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, PASSWORD.toCharArray());
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write the test trust store", e);
    }
    String[] names = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType", "javax.net.ssl.trustStorePassword"};
    String[] before = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      before[i] = System.getProperty(names[i]);
    }
    System.setProperty(names[0], file.toString());
    System.setProperty(names[1], "PKCS12");
    System.setProperty(names[2], PASSWORD);
    return () -> {
      for (int i = 0; i < names.length; i++) {
        if (before[i] == null) {
          System.clearProperty(names[i]);
        } else {
          System.setProperty(names[i], before[i]);
        }
      }
    };
  }
}
