package io.netprobe.internal.policy;

import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.Redaction;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/**
 * What a failed TLS handshake of a conversation means: expired, not yet valid, untrusted, wrong name, else handshake.
 * Stateless; thread-safe.
 */
final class TlsFailures {
  private TlsFailures() {}

  static ProbeFailure classify(String where, Exception e) {
    FailureKind kind = FailureKind.TLS_HANDSHAKE;
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT)).append(' ');
      if (t instanceof CertificateExpiredException) {
        kind = FailureKind.TLS_CERTIFICATE_EXPIRED;
      } else if (t instanceof CertificateNotYetValidException) {
        kind = FailureKind.TLS_CERTIFICATE_NOT_YET_VALID;
      } else if ((t instanceof CertPathBuilderException || t instanceof CertPathValidatorException)
          && kind == FailureKind.TLS_HANDSHAKE) {
        kind = FailureKind.TLS_UNTRUSTED;
      }
    }
    if (kind == FailureKind.TLS_HANDSHAKE && (messages.indexOf("no subject alternative") >= 0
        || messages.indexOf("no name matching") >= 0)) {
      kind = FailureKind.TLS_HOSTNAME_MISMATCH;
    }
    return ProbeFailure.of(kind, "the TLS handshake with " + where + " failed: "
        + Redaction.display(String.valueOf(e.getMessage())), e);
  }
}
