package io.netprobe.http.internal;

import io.netprobe.http.CertificateInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns JDK certificates into {@link CertificateInfo} values. Stateless; thread-safe. */
final class CertificateInfos {
  private CertificateInfos() {}

  static List<CertificateInfo> of(List<X509Certificate> chain) {
    List<CertificateInfo> out = new ArrayList<>(chain.size());
    for (X509Certificate c : chain) {
      out.add(of(c));
    }
    return out;
  }

  static CertificateInfo of(X509Certificate c) {
    return new CertificateInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
        HostnameMatcher.subjectAlternativeNames(c), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
        hex(c.getSerialNumber().toByteArray(), ""), fingerprint(c));
  }

  private static String fingerprint(X509Certificate c) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()), ":");
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      return "";
    }
  }

  private static String hex(byte[] bytes, String separator) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      if (sb.length() > 0) {
        sb.append(separator);
      }
      sb.append(String.format(Locale.ROOT, "%02X", b & 0xff));
    }
    return sb.toString();
  }
}
