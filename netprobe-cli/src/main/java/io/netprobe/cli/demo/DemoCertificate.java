package io.netprobe.cli.demo;

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
 * The demo site's certificate, made at run time (no keytool, no files in the repository): a self-signed certificate
 * for the demo host, valid 90 days like Let's Encrypt's, and a trust store holding it so that this process's probes
 * verify it like any public certificate.
 *
 * <p>Immutable and thread-safe.
 */
public final class DemoCertificate {
  private static final String TRUST_STORE_PASSWORD = "netprobe-demo";

  private static final Map<String, DemoCertificate> PER_HOST = new ConcurrentHashMap<>();

  private final HeldCertificate held;
  private volatile Path trustStore;

  public DemoCertificate(String host) {
    this.held = new HeldCertificate.Builder().commonName(host).addSubjectAlternativeName(host)
        .duration(90, TimeUnit.DAYS).build();
  }

  /**
   * One certificate per host for the life of this JVM. HTTP clients may cache the trust store they read first, so a
   * second demo in the same process must present the same certificate.
   */
  public static DemoCertificate forThisProcess(String host) {
    return PER_HOST.computeIfAbsent(host, DemoCertificate::new);
  }

  /** The server side: an SSL context presenting the certificate. */
  public SSLContext serverContext() {
    return new HandshakeCertificates.Builder().heldCertificate(held).build().sslContext();
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
      Path file = Files.createTempFile("netprobe-demo-trust", ".p12");
      file.toFile().deleteOnExit();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("netprobe-demo", held.certificate());
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
}
