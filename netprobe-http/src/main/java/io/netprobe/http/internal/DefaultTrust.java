package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JVM's default trust manager (the {@code cacerts} roots), loaded once, off the probing thread (see
 * {@link OneTimeLoad}): reading {@code cacerts} takes tens of milliseconds the first time. Thread-safe.
 */
final class DefaultTrust {
  private DefaultTrust() {}

  private static final OneTimeLoad<X509ExtendedTrustManager> LOAD =
      new OneTimeLoad<>("netprobe-trust-store-loader", DefaultTrust::load);

  static X509ExtendedTrustManager get() {
    return LOAD.join();
  }

  /** Whether loading the trust store is over by {@code deadline} (if it failed, verification will say so). */
  static boolean await(Deadline deadline) {
    return LOAD.awaitDone(deadline);
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
