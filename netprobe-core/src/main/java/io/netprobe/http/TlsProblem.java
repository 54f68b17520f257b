package io.netprobe.http;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/** What certificate verification found wrong. Immutable enum; thread-safe. */
public enum TlsProblem {
  EXPIRED,
  NOT_YET_VALID,
  UNTRUSTED_ISSUER,
  HOSTNAME_MISMATCH,
  /** Any other verification failure (bad signature, revoked, unsupported algorithm, …). */
  OTHER;

  /**
   * What a trust manager's refusal means: the exception types in its causes first (the JDK wraps the real reason),
   * then the JDK's messages for an unknown issuer and, when it identifies the endpoint itself, a name mismatch.
   */
  public static TlsProblem of(CertificateException verdict) {
    for (Throwable t = verdict; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return EXPIRED;
      }
      if (t instanceof CertificateNotYetValidException) {
        return NOT_YET_VALID;
      }
      if (t instanceof CertPathBuilderException) {
        return UNTRUSTED_ISSUER;
      }
      if (t instanceof CertPathValidatorException v) {
        if (v.getReason() == BasicReason.EXPIRED) {
          return EXPIRED;
        }
        if (v.getReason() == BasicReason.NOT_YET_VALID) {
          return NOT_YET_VALID;
        }
        if (v.getReason() == BasicReason.UNDETERMINED_REVOCATION_STATUS || v.getReason() == BasicReason.REVOKED) {
          return OTHER;
        }
      }
    }
    String message = String.valueOf(verdict.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("subject alternative") || lower.contains("no name matching")) {
      return HOSTNAME_MISMATCH;
    }
    return message.contains("PKIX path building") || message.contains("unable to find valid certification path")
        ? UNTRUSTED_ISSUER : OTHER;
  }
}
