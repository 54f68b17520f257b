package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.http.TlsImplementation;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;

/**
 * Turns the TLS implementation a probe asks for into a TLS context: {@code AUTO} becomes Conscrypt when it can be
 * used here (or whatever this stack was told {@code AUTO} means), else the JDK's SunJSSE. Stateless apart from the
 * once-found Conscrypt support; thread-safe.
 */
final class TlsStack {
  /** Where Conscrypt's support comes from; empty when it was still loading at the deadline. */
  interface ConscryptLoader {
    Optional<ConscryptSupport> await(Deadline deadline);
  }

  /** The TLS implementation of one exchange, and Conscrypt's support when it is Conscrypt. */
  record Choice(TlsImplementation implementation, @Nullable ConscryptSupport conscrypt) {
    /** For a plain http exchange, which makes no handshake. */
    static final Choice NONE = new Choice(TlsImplementation.JDK, null);

    /** Why the chosen Conscrypt cannot be used here, or "" when it can (or the JDK was chosen). */
    String unavailableReason() {
      return conscrypt == null ? "" : conscrypt.unavailableReason();
    }
  }

  /** The JDK's TLS classes, loaded once off the probing thread (see {@link OneTimeLoad}). */
  private static final OneTimeLoad<Boolean> JDK_TLS = new OneTimeLoad<>("netprobe-jdk-tls-loader", () -> {
    try {
      warmUp(SSLContext.getInstance("TLS"));
    } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
      // nothing to warm: the probe's own context creation reports the problem
    }
    return Boolean.TRUE;
  });

  /**
   * Initialises {@code context} with a trust manager that is never asked (so no trust store loads) and opens and
   * closes one socket: a TLS library's classes are loaded before the first probe needs them.
   */
  static void warmUp(SSLContext context) throws GeneralSecurityException, java.io.IOException {
    context.init(null, new javax.net.ssl.TrustManager[] {NoTls.TRUST_MANAGER}, null);
    context.getSocketFactory().createSocket().close();
  }

  private final TlsImplementation auto;
  private final ConscryptLoader conscrypt;

  /**
   * @param auto what {@code AUTO} means: {@code AUTO} to prefer Conscrypt when it loads (production), or a fixed
   *     choice (tests run every TLS case on both implementations)
   * @param conscrypt whether Conscrypt can be used, asked on the first HTTPS probe that may use it
   */
  TlsStack(TlsImplementation auto, ConscryptLoader conscrypt) {
    this.auto = auto;
    this.conscrypt = conscrypt;
  }

  /** The stack probes use: Conscrypt when it loads on this machine, else the JDK. */
  static TlsStack system() {
    return new TlsStack(TlsImplementation.AUTO, ConscryptSupport::await);
  }

  /**
   * The implementation that will make the handshake, {@code CONSCRYPT} or {@code JDK}; empty when that TLS library
   * was still loading (only the first HTTPS probes of a JVM wait for it) when {@code deadline} passed.
   */
  Optional<Choice> choose(TlsImplementation asked, Deadline deadline) {
    TlsImplementation wanted = asked == TlsImplementation.AUTO || asked == TlsImplementation.QUIC ? auto : asked;
    if (wanted != TlsImplementation.JDK) {
      Optional<ConscryptSupport> support = conscrypt.await(deadline);
      if (support.isEmpty()) {
        return Optional.empty();
      }
      if (wanted == TlsImplementation.CONSCRYPT || support.get().provider().isPresent()) {
        return Optional.of(new Choice(TlsImplementation.CONSCRYPT, support.get()));
      }
    }
    return JDK_TLS.await(deadline).map(loaded -> new Choice(TlsImplementation.JDK, null));
  }

  /**
   * A new, uninitialised TLS context of the chosen implementation.
   *
   * @throws IllegalStateException when that implementation cannot make one here
   */
  static SSLContext newContext(Choice choice) {
    try {
      if (choice.implementation() == TlsImplementation.CONSCRYPT) {
        ConscryptSupport support = choice.conscrypt();
        if (support == null || support.provider().isEmpty()) {
          throw new IllegalStateException(choice.unavailableReason());
        }
        return SSLContext.getInstance("TLS", support.provider().get());
      }
      return SSLContext.getInstance("TLS");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot create a " + choice.implementation() + " TLS context", e);
    }
  }
}
