package io.netprobe.dns;

/** The outcome of DNSSEC validation (RFC 4035 §4.3). Immutable enum; thread-safe. */
public enum DnssecStatus {
  /** A chain of signatures leads from the trust anchor to the answer (or to the proof that there is none). */
  SECURE,
  /** No trust anchor covers the name, or a delegation on the way is provably unsigned: nothing to validate. */
  INSECURE,
  /** Signatures should be there but are missing, expired or wrong: the answer must not be trusted. */
  BOGUS
}
