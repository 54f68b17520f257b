package io.netprobe.http;

/** What certificate verification found wrong. Immutable enum; thread-safe. */
public enum TlsProblem {
  EXPIRED,
  NOT_YET_VALID,
  UNTRUSTED_ISSUER,
  HOSTNAME_MISMATCH,
  /** Any other verification failure (bad signature, revoked, unsupported algorithm, …). */
  OTHER
}
