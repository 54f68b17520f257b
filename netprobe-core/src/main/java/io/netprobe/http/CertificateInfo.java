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

  /**
   * The facts of {@code c}: its DNS subject alternative names, then its IP ones, a hex serial and a colon-separated
   * SHA-256 fingerprint.
   */
  public static CertificateInfo of(java.security.cert.X509Certificate c) {
    List<String> sans = new java.util.ArrayList<>(sans(c, 2));
    sans.addAll(sans(c, 7));
    String fingerprint;
    try {
      fingerprint = hex(java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()), ":");
    } catch (java.security.GeneralSecurityException e) {
      fingerprint = "";
    }
    return new CertificateInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(), sans,
        c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), hex(c.getSerialNumber().toByteArray(), ""),
        fingerprint);
  }

  private static List<String> sans(java.security.cert.X509Certificate c, int type) {
    List<String> out = new java.util.ArrayList<>();
    try {
      if (c.getSubjectAlternativeNames() != null) {
        for (List<?> san : c.getSubjectAlternativeNames()) {
          if (san.size() >= 2 && Integer.valueOf(type).equals(san.get(0)) && san.get(1) instanceof String v) {
            out.add(v);
          }
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      // an unreadable SAN extension: the certificate is reported without names
    }
    return out;
  }

  private static String hex(byte[] bytes, String separator) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      if (sb.length() > 0) {
        sb.append(separator);
      }
      sb.append(String.format(java.util.Locale.ROOT, "%02X", b & 0xff));
    }
    return sb.toString();
  }

  /** Whole days from {@code now} until it expires; negative once expired. */
  public long daysUntilExpiry(Instant now) {
    return Duration.between(now, notAfter).toDays();
  }
}
