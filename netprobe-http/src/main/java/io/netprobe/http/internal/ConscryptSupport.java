package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;

/**
 * Whether Conscrypt can be used in this JVM: its classes are on the class path (a Maven user may exclude the
 * dependency) and its native library (BoringSSL) loads on this platform. The provider is created once, on the first
 * HTTPS probe that wants it, and never registered with {@link java.security.Security}: it serves netprobe's own
 * TLS contexts only, leaving the application's providers alone. Immutable; thread-safe.
 */
final class ConscryptSupport {
  private final @Nullable Provider provider;
  private final String unavailableReason;

  ConscryptSupport(@Nullable Provider provider, String unavailableReason) {
    this.provider = provider;
    this.unavailableReason = unavailableReason;
  }

  private static final OneTimeLoad<ConscryptSupport> LOAD =
      new OneTimeLoad<>("netprobe-conscrypt-loader", ConscryptSupport::loadAndWarm);

  /** This JVM's answer, found once; waits for the loading however long it takes. */
  static ConscryptSupport get() {
    return LOAD.join();
  }

  /**
   * This JVM's answer, or empty when it is still being found at {@code deadline}. Loading the native library and
   * the TLS classes takes a few hundred milliseconds once per JVM, off the probing thread (see {@link OneTimeLoad}),
   * so the first HTTPS probes wait for it only until their deadline.
   */
  static Optional<ConscryptSupport> await(Deadline deadline) {
    return LOAD.await(deadline);
  }

  /** Loads Conscrypt and makes one context and socket, so the first probe does not pay for their classes. */
  private static ConscryptSupport loadAndWarm() {
    ConscryptSupport support;
    try {
      support = load();
    } catch (RuntimeException | LinkageError e) {
      return unavailable("Conscrypt failed to load: " + e);
    }
    if (support.provider().isEmpty()) {
      return support;
    }
    try {
      TlsStack.warmUp(SSLContext.getInstance("TLS", support.provider().get()));
      return support;
    } catch (GeneralSecurityException | IOException | RuntimeException | LinkageError e) {
      return unavailable("Conscrypt loaded but cannot make a TLS context: " + e);
    }
  }

  /** A support that says Conscrypt cannot be used, for {@code reason}. */
  static ConscryptSupport unavailable(String reason) {
    return new ConscryptSupport(null, reason);
  }

  Optional<Provider> provider() {
    return Optional.ofNullable(provider);
  }

  /** Why {@link #provider()} is empty ("" when it is not). */
  String unavailableReason() {
    return unavailableReason;
  }

  /** Whether the JVM's options turn finalization off (JDK 18+), which would leave Conscrypt's contexts unfreed. */
  static boolean finalizationDisabled(List<String> jvmOptions) {
    return jvmOptions.contains("--finalization=disabled");
  }

  private static ConscryptSupport load() {
    // the option exists from JDK 18 on; asking the runtime bean costs ~20 ms once, so JDK 17 does not ask
    if (Runtime.version().feature() >= 18
        && finalizationDisabled(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
      return unavailable("this JVM runs with --finalization=disabled, and Conscrypt frees the native part of a TLS "
          + "context only in a finalizer (every probe has a context of its own)");
    }
    try {
      org.conscrypt.Conscrypt.checkAvailability();
      return new ConscryptSupport(org.conscrypt.Conscrypt.newProvider(), "");
    } catch (NoClassDefFoundError e) {
      return unavailable("Conscrypt is not on the class path (org.conscrypt:conscrypt-openjdk-uber)");
    } catch (UnsatisfiedLinkError | ExceptionInInitializerError | IllegalStateException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return unavailable("Conscrypt's native library does not load on " + System.getProperty("os.name") + "/"
          + System.getProperty("os.arch") + ": " + cause);
    }
  }
}
