package io.netprobe.http.internal;

import io.netprobe.http.HttpConnectionOptions;
import java.net.UnknownServiceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import okhttp3.CipherSuite;
import okhttp3.ConnectionSpec;
import okhttp3.TlsVersion;

/**
 * What OkHttp sets on a TLS socket before its handshake, set on the engine's {@link SSLEngine}: the protocol versions
 * and cipher suites of its connection spec ({@code MODERN_TLS}, or the probe's TLS versions: {@link
 * ExchangeOptions#tlsSpec}) intersected with the engine's, in the engine's order, as {@code ConnectionSpec.apply}
 * does, and the ALPN protocols ({@code h2} and {@code http/1.1}, or {@code http/1.1} alone) as its JDK 9 platform
 * offers them. Stateless; thread-safe.
 */
final class TlsParameters {
  private TlsParameters() {}

  static void apply(SSLEngine engine, HttpConnectionOptions connection) throws UnknownServiceException {
    ConnectionSpec spec = connection.minTlsVersion().isPresent() || connection.maxTlsVersion().isPresent()
        ? ExchangeOptions.tlsSpec(connection) : ConnectionSpec.MODERN_TLS;
    List<String> versions = new ArrayList<>();
    for (TlsVersion v : spec.tlsVersions()) {
      versions.add(v.javaName());
    }
    List<String> suites = new ArrayList<>();
    for (CipherSuite c : spec.cipherSuites()) {
      suites.add(c.javaName());
    }
    String[] protocols = intersect(engine.getEnabledProtocols(), versions, false);
    String[] ciphers = intersect(engine.getEnabledCipherSuites(), suites, true);
    if (protocols.length == 0 || ciphers.length == 0) {
      throw new UnknownServiceException("Unable to find acceptable protocols. isFallback=false, modes="
          + List.of(spec, ConnectionSpec.CLEARTEXT) + ", supported protocols="
          + Arrays.toString(engine.getEnabledProtocols()));
    }
    engine.setEnabledProtocols(protocols);
    engine.setEnabledCipherSuites(ciphers);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setApplicationProtocols(connection.http2() ? new String[] {"h2", "http/1.1"}
        : new String[] {"http/1.1"});
    engine.setSSLParameters(parameters);
  }

  /**
   * The engine's names that {@code wanted} has, in the engine's order; cipher suites compare as OkHttp's {@code
   * ORDER_BY_NAME} does, without their {@code TLS_} or {@code SSL_} prefix.
   */
  private static String[] intersect(String[] enabled, List<String> wanted, boolean cipherSuites) {
    List<String> kept = new ArrayList<>();
    for (String e : enabled) {
      for (String w : wanted) {
        if (cipherSuites ? e.length() > 4 && w.length() > 4 && e.substring(4).equals(w.substring(4)) : e.equals(w)) {
          kept.add(e);
          break;
        }
      }
    }
    return kept.toArray(new String[0]);
  }
}
