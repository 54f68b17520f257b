package io.netprobe.testing.site;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A certificate made at run time for a {@link LocalSite} (no keytool, no files in the repository): self-signed for
 * one host, valid 90 days like Let's Encrypt's, with the server's SSL context, a client SSL context that trusts it,
 * and a way to make this whole process trust it so that probes verify it like any public certificate.
 *
 * <pre>{@code
 * LocalCertificate certificate = LocalCertificate.forThisProcess("shop.example");
 * try (AutoCloseable trust = certificate.trustInThisProcess()) { ... }
 * }</pre>
 *
 * <p>Thread-safe: the key pair and certificate are immutable; the trust store file is written once, under a lock.
 */
public final class LocalCertificate {
  private static final String TRUST_STORE_PASSWORD = "netprobe-local-site";

  private static final Map<String, LocalCertificate> PER_HOST = new ConcurrentHashMap<>();

  private final String host;
  private final HeldCertificate held;
  private volatile Path trustStore;

  /**
   * Makes a new key pair and certificate for {@code host} (a DNS name or an IP literal).
   *
   * @throws IllegalArgumentException when {@code host} is blank
   */
  public LocalCertificate(String host) {
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    this.host = host;
    this.held = new HeldCertificate.Builder().commonName(host).addSubjectAlternativeName(host)
        .duration(90, TimeUnit.DAYS).build();
  }

  /**
   * One certificate per host for the life of this JVM. HTTP clients may cache the trust store they read first, so a
   * second site for the same host in this process must present the same certificate.
   */
  public static LocalCertificate forThisProcess(String host) {
    return PER_HOST.computeIfAbsent(host, LocalCertificate::new);
  }

  /** The host the certificate names. */
  public String host() {
    return host;
  }

  /** The server side: an SSL context presenting the certificate. */
  public SSLContext serverContext() {
    return new HandshakeCertificates.Builder().heldCertificate(held).build().sslContext();
  }

  /**
   * The client side: an SSL context that trusts this certificate only, for a client in a test that takes one (for
   * example {@code HttpClient.newBuilder().sslContext(…)}) instead of the process-wide trust.
   */
  public SSLContext clientContext() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(held.certificate()).build().sslContext();
  }

  /**
   * Makes this JVM trust the certificate through the standard {@code javax.net.ssl.trustStore} properties, which
   * every trust manager made from the default factory reads. Returns the restorer that puts the previous settings
   * back.
   */
  public AutoCloseable trustInThisProcess() throws IOException, GeneralSecurityException {
    Path file = trustStoreFile();
    String[] names = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType", "javax.net.ssl.trustStorePassword"};
    String[] before = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      before[i] = System.getProperty(names[i]);
    }
    System.setProperty(names[0], file.toString());
    System.setProperty(names[1], "PKCS12");
    System.setProperty(names[2], TRUST_STORE_PASSWORD);
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

  /** The trust store holding the certificate, written once and deleted when the JVM exits. */
  private synchronized Path trustStoreFile() throws IOException, GeneralSecurityException {
    if (trustStore == null) {
      Path file = Files.createTempFile("netprobe-local-site-trust", ".p12");
      file.toFile().deleteOnExit();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry(host, held.certificate());
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, TRUST_STORE_PASSWORD.toCharArray());
      }
      trustStore = file;
    }
    return trustStore;
  }

  /** The certificate in PEM, e.g. for {@code curl --cacert}. */
  public String pem() {
    return held.certificatePem();
  }

  /** The certificate, for a server that takes it directly (the QUIC codec of {@code Http3TestServer}). */
  public java.security.cert.X509Certificate certificate() {
    return held.certificate();
  }

  /** The certificate's private key, for a server that takes it directly. */
  public java.security.PrivateKey privateKey() {
    return held.keyPair().getPrivate();
  }
}
