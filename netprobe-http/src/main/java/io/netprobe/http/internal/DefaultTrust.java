package io.netprobe.http.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The JVM's default trust manager (the {@code cacerts} roots), loaded once. Thread-safe. */
final class DefaultTrust {
  private DefaultTrust() {}

  private static final class Holder {
    static final X509ExtendedTrustManager INSTANCE = load();
  }

  static X509ExtendedTrustManager get() {
    return Holder.INSTANCE;
  }

  private static X509ExtendedTrustManager load() {
    try {
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager) {
          return (X509ExtendedTrustManager) tm;
        }
      }
      throw new IllegalStateException("the JVM's default TrustManagerFactory has no X509ExtendedTrustManager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the JVM's default trust store", e);
    }
  }
}
