package io.netprobe.http;

/**
 * Which TLS implementation performs an HTTPS probe's handshake. Both verify the certificate the same way (the JVM's
 * trust store, netprobe's own host-name and date checks, the same typed {@link TlsProblem problems}); they differ in
 * speed and in what they offer the server (protocol versions, cipher suites, key shares). Immutable enum;
 * thread-safe.
 */
public enum TlsImplementation {
  /** {@link #CONSCRYPT} when its native library loads on this machine, else {@link #JDK}. The default. */
  AUTO,
  /**
   * Conscrypt, Google's TLS provider on BoringSSL: a native handshake, several times faster than the JDK's on one
   * fresh connection. A probe fails with {@code UNSUPPORTED_PLATFORM} when Conscrypt is not on the class path or has
   * no native library for this platform.
   */
  CONSCRYPT,
  /** The JDK's own TLS (SunJSSE): negotiates exactly what a plain Java HTTPS client in this JVM would. */
  JDK,
  /**
   * BoringSSL inside Netty's QUIC codec (quiche): what an HTTP/3 probe's handshake reports. Not a choice: HTTP/3
   * probes always use it, and HTTP/1.1 and HTTP/2 probes never do (asked for one, it means {@link #AUTO}).
   */
  QUIC
}
