package io.netprobe.dns;

/** The header flags dig prints after {@code flags:}. Immutable enum; thread-safe. */
public enum DnsFlag {
  /** Response. */
  QR,
  /** Authoritative answer. */
  AA,
  /** Truncated. */
  TC,
  /** Recursion desired. */
  RD,
  /** Recursion available. */
  RA,
  /** Authentic data (DNSSEC-validated by the resolver). */
  AD,
  /** Checking disabled. */
  CD
}
