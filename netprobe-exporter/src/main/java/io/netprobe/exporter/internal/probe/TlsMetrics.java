package io.netprobe.exporter.internal.probe;

import io.netprobe.core.Host;
import io.netprobe.http.CertificateInfo;
import io.netprobe.http.TlsInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** The TLS series blackbox writes for a response over TLS, with Go's spellings. Stateless and thread-safe. */
final class TlsMetrics {
  /** Go's zero {@code time.Time} as Unix seconds: what blackbox reports when no chain was verified. */
  static final double GO_ZERO_TIME = -62135596800.0;
  /** The attribute order of Go's {@code pkix.Name.String()}. */
  private static final List<String> GO_ORDER = List.of("SERIALNUMBER", "CN", "OU", "O", "POSTALCODE", "STREET", "L",
      "ST", "C");

  private TlsMetrics() {}

  static void record(TlsInfo t, boolean insecure, MetricSet m) {
    Instant earliest = t.chain().stream().map(CertificateInfo::notAfter).min(Instant::compareTo).orElse(Instant.EPOCH);
    m.gauge("probe_ssl_earliest_cert_expiry", "Returns last SSL chain expiry in unixtime", earliest.getEpochSecond());
    m.gauge("probe_ssl_last_chain_expiry_timestamp_seconds", "Returns last SSL chain expiry in timestamp",
        insecure || !t.verified() ? GO_ZERO_TIME : earliest.getEpochSecond());
    m.gauge("probe_tls_version_info", "Returns the TLS version used or NaN when unknown", 1, "version",
        version(t.protocol()));
    m.gauge("probe_tls_cipher_info", "Returns the TLS cipher negotiated during handshake", 1, "cipher",
        t.cipherSuite());
    t.leaf().ifPresent(leaf -> m.gauge("probe_ssl_last_chain_info", "Contains SSL leaf certificate information", 1,
        "fingerprint_sha256", leaf.sha256Fingerprint().replace(":", "").toLowerCase(Locale.ROOT),
        "subject", goName(leaf.subject()), "issuer", goName(leaf.issuer()),
        "subjectalternative", leaf.subjectAlternativeNames().stream().filter(n -> !isLiteral(n))
            .collect(Collectors.joining(","))));
  }

  /** Go's names for TLS versions: {@code TLSv1.3} → {@code TLS 1.3}. */
  static String version(String jdkName) {
    return jdkName.startsWith("TLSv") ? "TLS " + jdkName.substring(4) : "unknown";
  }

  /** An RFC 2253 name (Java's form) as Go's {@code pkix.Name.String()} prints it. */
  static String goName(String rfc2253) {
    try {
      Map<String, List<String>> byType = new LinkedHashMap<>();
      for (Rdn rdn : new LdapName(rfc2253).getRdns()) {
        byType.computeIfAbsent(rdn.getType().toUpperCase(Locale.ROOT), k -> new ArrayList<>())
            .add(String.valueOf(rdn.getValue()));
      }
      List<String> parts = new ArrayList<>();
      for (String type : GO_ORDER) {
        List<String> values = byType.get(type);
        if (values != null) {
          parts.add(values.stream().map(v -> type + "=" + escape(v)).collect(Collectors.joining("+")));
        }
      }
      return String.join(",", parts);
    } catch (InvalidNameException e) {
      return rfc2253;
    }
  }

  private static String escape(String v) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (",+\"\\<>;".indexOf(c) >= 0 || (i == 0 && (c == ' ' || c == '#')) || (i == v.length() - 1 && c == ' ')) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  private static boolean isLiteral(String name) {
    try {
      return Host.of(name).isLiteral();
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
