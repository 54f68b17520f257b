package io.netprobe.exporter.internal.config;

import io.netprobe.dns.RecordType;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * blackbox's {@code dns} prober block. Immutable and thread-safe.
 *
 * @param ip address family and source
 * @param queryName the name asked for (required)
 * @param queryType the type ({@code ANY} by default)
 * @param queryClass the class ({@code IN} by default)
 * @param transportProtocol {@code udp} or {@code tcp}
 * @param dnsOverTls whether to ask over TLS
 * @param tlsConfig TLS for DNS over TLS
 * @param recursionDesired the RD flag
 * @param validRcodes accepted response codes
 * @param answer checks on the answer section
 * @param authority checks on the authority section
 * @param additional checks on the additional section
 */
public record DnsOptions(IpProtocol ip, String queryName, String queryType, String queryClass,
    String transportProtocol, boolean dnsOverTls, TlsConfig tlsConfig, boolean recursionDesired,
    List<String> validRcodes, RrValidator answer, RrValidator authority, RrValidator additional) {

  /**
   * {@code validate_*_rrs}: regexes over each record as miekg/dns prints it.
   *
   * @param failIfMatches fail when any record matches one
   * @param failIfAllMatch fail when every record matches one
   * @param failIfNotMatches fail when a record does not match one
   * @param failIfNoneMatches fail when no record matches one
   */
  public record RrValidator(List<Pattern> failIfMatches, List<Pattern> failIfAllMatch,
      List<Pattern> failIfNotMatches, List<Pattern> failIfNoneMatches) {
    static final RrValidator NONE = new RrValidator(List.of(), List.of(), List.of(), List.of());

    static RrValidator parse(YamlBlock dns, String key) throws ConfigException {
      Optional<YamlBlock> o = dns.block(key, Set.of("fail_if_matches_regexp", "fail_if_all_match_regexp",
          "fail_if_not_matches_regexp", "fail_if_none_matches_regexp"));
      if (o.isEmpty()) {
        return NONE;
      }
      YamlBlock b = o.get();
      return new RrValidator(b.regexes("fail_if_matches_regexp"), b.regexes("fail_if_all_match_regexp"),
          b.regexes("fail_if_not_matches_regexp"), b.regexes("fail_if_none_matches_regexp"));
    }
  }

  /** Response codes by the names miekg/dns gives them. */
  public static final List<String> RCODES = List.of("NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",
      "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE", "BADSIG", "BADKEY", "BADTIME", "BADMODE",
      "BADNAME", "BADALG", "BADTRUNC", "BADCOOKIE");
  static final Set<String> KEYS = keys();

  private static Set<String> keys() {
    Set<String> k = new HashSet<>(IpProtocol.KEYS);
    k.addAll(Set.of("query_name", "query_type", "query_class", "transport_protocol", "dns_over_tls", "tls_config",
        "recursion_desired", "valid_rcodes", "validate_answer_rrs", "validate_authority_rrs",
        "validate_additional_rrs"));
    return Set.copyOf(k);
  }

  static DnsOptions parse(YamlBlock b) throws ConfigException {
    if (!b.has("query_name")) {
      throw b.error("query_name", "query name must be set for DNS module");
    }
    String type = b.string("query_type", "ANY").toUpperCase(Locale.ROOT);
    try {
      RecordType.of(type);
    } catch (IllegalArgumentException e) {
      throw b.error("query_type", "query type '" + type + "' is not valid");
    }
    String cls = b.string("query_class", "IN").toUpperCase(Locale.ROOT);
    b.oneOf("query_class", cls, Set.of("IN", "CH", "HS", "CS", "NONE", "ANY"));
    String transport = b.string("transport_protocol", "udp");
    b.oneOf("transport_protocol", transport, Set.of("udp", "tcp"));
    boolean dot = b.bool("dns_over_tls", false);
    if (dot && transport.equals("udp") && b.has("transport_protocol")) {
      throw b.error("dns_over_tls", "DNS over TLS needs transport_protocol: tcp");
    }
    List<String> rcodes = b.has("valid_rcodes") ? b.strings("valid_rcodes") : List.of("NOERROR");
    for (String r : rcodes) {
      b.oneOf("valid_rcodes", r, Set.copyOf(RCODES));
    }
    return new DnsOptions(IpProtocol.parse(b), b.string("query_name", ""), type, cls, dot ? "tcp" : transport, dot,
        TlsConfig.parse(b, "tls_config"), b.bool("recursion_desired", true), rcodes,
        RrValidator.parse(b, "validate_answer_rrs"), RrValidator.parse(b, "validate_authority_rrs"),
        RrValidator.parse(b, "validate_additional_rrs"));
  }
}
