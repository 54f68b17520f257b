package io.netprobe.sockets.internal.conversation;

import io.netprobe.http.ClientCertificate;
import io.netprobe.http.TlsVersion;
import io.netprobe.sockets.ConversationTlsOptions;
import io.netprobe.spi.PemKeys;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;

/**
 * A conversation's client certificate as key managers ({@link PemKeys}) and its TLS version bounds as enabled
 * protocols. Stateless; thread-safe.
 */
final class ClientKeys {
  private ClientKeys() {}

  static KeyManager[] of(ClientCertificate c) throws GeneralSecurityException {
    try {
      return PemKeys.keys(c);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot read the client certificate or key: " + e.getMessage(), e);
    }
  }

  /** The enabled protocols within the options' bounds. */
  static String[] protocols(String[] enabled, ConversationTlsOptions options) {
    List<String> out = new ArrayList<>();
    for (TlsVersion v : TlsVersion.values()) {
      boolean above = options.minVersion().map(min -> v.compareTo(min) >= 0).orElse(true);
      boolean below = options.maxVersion().map(max -> v.compareTo(max) <= 0).orElse(true);
      if (above && below && List.of(enabled).contains(v.javaName())) {
        out.add(v.javaName());
      }
    }
    return out.toArray(new String[0]);
  }
}
