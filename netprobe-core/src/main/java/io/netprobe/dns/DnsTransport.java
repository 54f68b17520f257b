package io.netprobe.dns;

/** How a DNS query travelled. Immutable enum; thread-safe. */
public enum DnsTransport {
  UDP,
  TCP,
  /** DNS over TLS (RFC 7858). */
  TLS,
  /** DNS over HTTPS (RFC 8484). */
  HTTPS
}
