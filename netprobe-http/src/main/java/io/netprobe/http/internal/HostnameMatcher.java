package io.netprobe.http.internal;

import io.netprobe.core.Host;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a certificate is valid for a host name, by RFC 6125 as browsers and OkHttp apply it: DNS names against the
 * subject alternative names (a wildcard only as the whole left-most label, matching exactly one label), IP literals
 * against IP-address SANs, and no fallback to the common name. Stateless; thread-safe.
 */
final class HostnameMatcher {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private HostnameMatcher() {}

  static boolean matches(String host, X509Certificate certificate) {
    Optional<InetAddress> literal = literal(host);
    if (literal.isPresent()) {
      for (String ip : sans(certificate, SAN_IP)) {
        if (literal(ip).map(literal.get()::equals).orElse(false)) {
          return true;
        }
      }
      return false;
    }
    String name = normalize(host);
    for (String pattern : sans(certificate, SAN_DNS)) {
      if (matchesPattern(name, normalize(pattern))) {
        return true;
      }
    }
    return false;
  }

  /** The DNS and IP subject alternative names, in certificate order. */
  static List<String> subjectAlternativeNames(X509Certificate certificate) {
    List<String> out = new ArrayList<>(sans(certificate, SAN_DNS));
    out.addAll(sans(certificate, SAN_IP));
    return out;
  }

  private static boolean matchesPattern(String name, String pattern) {
    if (name.isEmpty() || pattern.isEmpty()) {
      return false;
    }
    if (!pattern.startsWith("*.")) {
      return name.equals(pattern);
    }
    String suffix = pattern.substring(1); // ".example.com"
    if (pattern.indexOf('*', 1) >= 0 || suffix.chars().filter(c -> c == '.').count() < 2) {
      return false; // "*.com" and patterns with more stars are not honoured
    }
    if (!name.endsWith(suffix)) {
      return false;
    }
    String label = name.substring(0, name.length() - suffix.length());
    return !label.isEmpty() && label.indexOf('.') < 0;
  }

  private static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static Optional<InetAddress> literal(String text) {
    try {
      return Host.of(text).literal();
    } catch (IllegalArgumentException notAHost) {
      return Optional.empty();
    }
  }

  private static List<String> sans(X509Certificate certificate, int type) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> all = certificate.getSubjectAlternativeNames();
      if (all == null) {
        return out;
      }
      for (List<?> entry : all) {
        if (entry.size() >= 2 && entry.get(0) instanceof Integer && (Integer) entry.get(0) == type
            && entry.get(1) instanceof String) {
          out.add((String) entry.get(1));
        }
      }
    } catch (CertificateParsingException unreadable) {
      return out;
    }
    return out;
  }
}
