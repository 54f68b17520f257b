package io.netprobe.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One certificate of the chain a server sent.
 *
 * <p>Immutable and thread-safe.
 *
 * @param subject the subject distinguished name
 * @param issuer the issuer distinguished name
 * @param subjectAlternativeNames DNS names and IP addresses the certificate is valid for
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param serialNumber the serial number in hex
 * @param sha256Fingerprint the SHA-256 fingerprint of the DER encoding, hex, colon-separated
 */
public record CertificateInfo(String subject, String issuer, List<String> subjectAlternativeNames,
    Instant notBefore, Instant notAfter, String serialNumber, String sha256Fingerprint) {

  public CertificateInfo {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(issuer, "issuer");
    subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
  }

  /** Whole days from {@code now} until it expires; negative once expired. */
  public long daysUntilExpiry(Instant now) {
    return Duration.between(now, notAfter).toDays();
  }
}
