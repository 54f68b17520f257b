package io.netprobe.http.internal;

import io.netprobe.http.TlsImplementation;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Turns the TLS implementation a probe asks for into a TLS context: {@code AUTO} becomes Conscrypt when it can be
 * used here (or whatever this stack was told {@code AUTO} means), else the JDK's SunJSSE. Stateless apart from the
 * once-found Conscrypt support; thread-safe.
 */
final class TlsStack {
  private final TlsImplementation auto;
  private final Supplier<ConscryptSupport> conscrypt;

  /**
   * @param auto what {@code AUTO} means: {@code AUTO} to prefer Conscrypt when it loads (production), or a fixed
   *     choice (tests run every TLS case on both implementations)
   * @param conscrypt whether Conscrypt can be used, asked on the first HTTPS probe
   */
  TlsStack(TlsImplementation auto, Supplier<ConscryptSupport> conscrypt) {
    this.auto = auto;
    this.conscrypt = conscrypt;
  }

  /** The stack probes use: Conscrypt when it loads on this machine, else the JDK. */
  static TlsStack system() {
    return new TlsStack(TlsImplementation.AUTO, ConscryptSupport::get);
  }

  /** The implementation that will make the handshake: {@code CONSCRYPT} or {@code JDK}. */
  TlsImplementation choose(TlsImplementation asked) {
    TlsImplementation wanted = asked == TlsImplementation.AUTO ? auto : asked;
    if (wanted == TlsImplementation.AUTO) {
      return conscrypt.get().provider().isPresent() ? TlsImplementation.CONSCRYPT : TlsImplementation.JDK;
    }
    return wanted;
  }

  /** Why {@code CONSCRYPT} cannot be used here, or "" when it can. */
  String conscryptUnavailableReason() {
    return conscrypt.get().unavailableReason();
  }

  /**
   * A new, uninitialised TLS context of {@code implementation} ({@code CONSCRYPT} or {@code JDK}).
   *
   * @throws IllegalStateException when that implementation cannot make one here
   */
  SSLContext newContext(TlsImplementation implementation) {
    try {
      if (implementation == TlsImplementation.CONSCRYPT) {
        Provider provider = conscrypt.get().provider().orElseThrow(() ->
            new IllegalStateException(conscryptUnavailableReason()));
        return SSLContext.getInstance("TLS", provider);
      }
      return SSLContext.getInstance("TLS");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot create a " + implementation + " TLS context", e);
    }
  }
}
