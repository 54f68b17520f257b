package io.netprobe.http;

/**
 * A TLS protocol version, as a bound on what a probe offers ({@code curl --tlsv1.2 --tls-max 1.3}, blackbox's
 * {@code min_version}/{@code max_version}). Immutable enum; thread-safe.
 */
public enum TlsVersion {
  TLS_1_0("TLSv1"),
  TLS_1_1("TLSv1.1"),
  TLS_1_2("TLSv1.2"),
  TLS_1_3("TLSv1.3");

  private final String javaName;

  TlsVersion(String javaName) {
    this.javaName = javaName;
  }

  /** The protocol's name in JSSE ({@code TLSv1.2}), as {@link TlsInfo#protocol()} reports it. */
  public String javaName() {
    return javaName;
  }
}
