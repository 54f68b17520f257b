package io.netprobe.dns.internal;

import java.util.List;

/** The names of Extended DNS Error codes (RFC 8914 and the IANA registry), as dig prints them. Stateless. */
final class ExtendedErrors {
  private static final List<String> NAMES = List.of(
      "Other", "Unsupported DNSKEY Algorithm", "Unsupported DS Digest Type", "Stale Answer", "Forged Answer",
      "DNSSEC Indeterminate", "DNSSEC Bogus", "Signature Expired", "Signature Not Yet Valid", "DNSKEY Missing",
      "RRSIGs Missing", "No Zone Key Bit Set", "NSEC Missing", "Cached Error", "Not Ready", "Blocked", "Censored",
      "Filtered", "Prohibited", "Stale NXDOMAIN Answer", "Not Authoritative", "Not Supported",
      "No Reachable Authority", "Network Error", "Invalid Data", "Signature Expired before Valid", "Too Early",
      "Unsupported NSEC3 Iterations Value", "Unable to conform to policy", "Synthesized", "Invalid Query Type");

  private ExtendedErrors() {}

  static String name(int code) {
    return code >= 0 && code < NAMES.size() ? NAMES.get(code) : "Unknown (" + code + ")";
  }
}
