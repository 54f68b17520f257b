package io.netprobe.spi;

import io.netprobe.http.ClientCertificate;
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
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * PEM files as the JDK's trust and key managers, for every backend that sets up TLS itself (HTTP's {@code --cacert},
 * {@code --cert}, {@code --key}; DNS over TLS/HTTPS; TCP conversations; the exporter's own server): certificates
 * (a chain, leaf first) and a PKCS#8 key of RSA, EC or EdDSA ({@code BEGIN PRIVATE KEY}, or {@code BEGIN ENCRYPTED
 * PRIVATE KEY} with the certificate's password). Errors name the file and the problem, never a password or key
 * material. Stateless; thread-safe.
 */
public final class PemKeys {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private PemKeys() {}

  /** A trust manager that trusts exactly the certificates in {@code caFile}. */
  public static X509ExtendedTrustManager trust(Path caFile) throws IOException, GeneralSecurityException {
    List<? extends Certificate> certs = certificates(caFile);
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < certs.size(); i++) {
      store.setCertificateEntry("ca" + i, certs.get(i));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager for " + caFile);
  }

  /** Key managers that present {@code client}'s certificate chain and key. */
  public static KeyManager[] keys(ClientCertificate client) throws IOException, GeneralSecurityException {
    List<? extends Certificate> chain = certificates(client.certificate());
    PrivateKey key = privateKey(client);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] none = new char[0];
    store.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, none);
    return kmf.getKeyManagers();
  }

  private static List<? extends Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
    byte[] pem = Files.readAllBytes(file);
    List<? extends Certificate> certs = List.copyOf(CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem)));
    if (certs.isEmpty() || !(certs.get(0) instanceof X509Certificate)) {
      throw new GeneralSecurityException(file + " holds no PEM certificate");
    }
    return certs;
  }

  private static PrivateKey privateKey(ClientCertificate client) throws IOException, GeneralSecurityException {
    String text = Files.readString(client.key(), StandardCharsets.US_ASCII);
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      if (m.group(1).equals("PRIVATE KEY")) {
        return decode(new PKCS8EncodedKeySpec(der), client.key());
      }
      if (m.group(1).equals("ENCRYPTED PRIVATE KEY")) {
        if (client.keyPassword().isEmpty()) {
          throw new GeneralSecurityException("the key in " + client.key() + " is encrypted; give its password");
        }
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        char[] password = client.keyPassword().get().reveal().toCharArray();
        // PBES2 (openssl's default) names its real algorithm only in the parameters: PBEWithHmacSHA256AndAES_256
        String algorithm = info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
        SecretKeyFactory skf = SecretKeyFactory.getInstance(algorithm);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.DECRYPT_MODE, skf.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
        try {
          return decode(info.getKeySpec(cipher), client.key());
        } catch (java.security.spec.InvalidKeySpecException wrongPassword) {
          throw new GeneralSecurityException("cannot decrypt the key in " + client.key() + ": wrong password?");
        }
      }
    }
    throw new GeneralSecurityException(client.key() + " holds no PKCS#8 private key (BEGIN PRIVATE KEY or BEGIN "
        + "ENCRYPTED PRIVATE KEY; convert others with openssl pkcs8 -topk8)");
  }

  private static PrivateKey decode(PKCS8EncodedKeySpec spec, Path file) throws GeneralSecurityException {
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException tryNext) {
        // the PKCS#8 header names the algorithm; the JDK makes us guess which factory reads it
      }
    }
    throw new GeneralSecurityException("the key in " + file + " is not an RSA, EC or EdDSA key");
  }
}
