package io.netprobe.exporter.internal.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** An {@link SSLContext} from PEM files as exporter-toolkit takes them. Stateless and thread-safe. */
final class Pem {
  private Pem() {}

  static SSLContext serverContext(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
    List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile))));
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + certFile);
    }
    String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new GeneralSecurityException(keyFile + " is not a PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert it "
          + "with: openssl pkcs8 -topk8 -nocrypt -in " + keyFile);
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("(?s).*-----BEGIN PRIVATE KEY-----", "")
        .replaceAll("(?s)-----END PRIVATE KEY-----.*", ""));
    PrivateKey key = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    if (key == null) {
      throw new GeneralSecurityException("cannot read the private key in " + keyFile + " (RSA, EC or Ed25519)");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", key, new char[0], chain.toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
