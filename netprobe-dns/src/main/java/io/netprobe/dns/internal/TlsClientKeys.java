package io.netprobe.dns.internal;

import io.netprobe.http.ClientCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A DNS over TLS/HTTPS client certificate as key managers: a PEM certificate chain and an unencrypted PKCS#8 PEM key
 * of RSA, EC or EdDSA. Stateless; thread-safe.
 */
final class TlsClientKeys {
  private TlsClientKeys() {}

  /** @throws GeneralSecurityException naming the file that cannot be read or used */
  static KeyManager[] of(ClientCertificate c) throws GeneralSecurityException {
    try {
      List<Certificate> chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(
          new ByteArrayInputStream(Files.readAllBytes(c.certificate()))));
      if (chain.isEmpty()) {
        throw new GeneralSecurityException("no certificate in " + c.certificate());
      }
      PrivateKey key = key(Files.readString(c.key(), StandardCharsets.US_ASCII), c);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, new char[0]);
      return kmf.getKeyManagers();
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot read the client certificate or key: " + e.getMessage(), e);
    }
  }

  private static PrivateKey key(String pem, ClientCertificate c) throws GeneralSecurityException {
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new GeneralSecurityException("no unencrypted PKCS#8 key (BEGIN PRIVATE KEY) in " + c.key());
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException notThisOne) {
        // try the next algorithm
      }
    }
    throw new GeneralSecurityException("the key in " + c.key() + " is not an RSA, EC or EdDSA PKCS#8 key");
  }
}
