package io.netprobe.exporter.internal.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * blackbox's {@code http} prober block with its defaults. Immutable and thread-safe.
 *
 * @param validStatusCodes accepted codes; empty = 2xx
 * @param validHttpVersions accepted {@code HTTP/1.1}, {@code HTTP/2.0}…; empty = any
 * @param method the request method
 * @param headers request headers as configured (a {@code Host} header sets the virtual host)
 * @param httpHeaders common's {@code http_headers} (values, secrets, files)
 * @param body a request body, when set ({@code body} or {@code body_file})
 * @param compression the expected content encoding, empty for none
 * @param bodySizeLimit the most body bytes read, 0 = no limit
 * @param followRedirects follow redirects
 * @param failIfSsl fail when the final response came over TLS
 * @param failIfNotSsl fail when it did not
 * @param failIfBodyMatches fail when the body matches one of these
 * @param failIfBodyNotMatches fail when the body does not match one of these
 * @param failIfHeaderMatches fail when a header matches
 * @param failIfHeaderNotMatches fail when a header does not match
 * @param failIfBodyJsonMatchesCel fail when this CEL expression is true of the JSON body
 * @param failIfBodyJsonNotMatchesCel fail when this CEL expression is false of the JSON body
 * @param ip address family and source
 * @param skipResolvePhaseWithProxy skip name resolution when a proxy is set
 * @param enableHttp2 allow HTTP/2
 * @param enableHttp3 use HTTP/3
 * @param auth credentials
 * @param proxy {@code proxy_url}, {@code no_proxy}, {@code proxy_from_environment}, {@code proxy_connect_header}
 * @param tls the TLS configuration
 */
public record HttpOptions(List<Integer> validStatusCodes, List<String> validHttpVersions, String method,
    Map<String, String> headers, List<HeaderSource> httpHeaders, Optional<String> body, String compression, long bodySizeLimit,
    boolean followRedirects, boolean failIfSsl, boolean failIfNotSsl, List<Pattern> failIfBodyMatches,
    List<Pattern> failIfBodyNotMatches, List<HeaderMatch> failIfHeaderMatches,
    List<HeaderMatch> failIfHeaderNotMatches, Optional<CelProgram> failIfBodyJsonMatchesCel,
    Optional<CelProgram> failIfBodyJsonNotMatchesCel, IpProtocol ip,
    boolean skipResolvePhaseWithProxy, boolean enableHttp2, boolean enableHttp3, HttpAuth auth,
    ProxySettings proxy, TlsConfig tls) {

  /**
   * One {@code fail_if_header_(not_)matches} item.
   *
   * @param header the header name
   * @param regexp the pattern, found anywhere in a value
   * @param allowMissing whether a missing header passes
   */
  public record HeaderMatch(String header, Pattern regexp, boolean allowMissing) {}

  /** Whether a CEL check on the JSON body is set. */
  public boolean celChecks() {
    return failIfBodyJsonMatchesCel.isPresent() || failIfBodyJsonNotMatchesCel.isPresent();
  }

  static final Set<String> KEYS = keys();
  public static final HttpOptions DEFAULT = new HttpOptions(List.of(), List.of(), "GET", Map.of(), List.of(),
      Optional.empty(), "", 0, true, false, false, List.of(), List.of(), List.of(), List.of(), Optional.empty(),
      Optional.empty(),
      IpProtocol.DEFAULT, false, true, false, new HttpAuth(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), ProxySettings.NONE,
      TlsConfig.DEFAULT);

  private static Set<String> keys() {
    Set<String> k = new HashSet<>(IpProtocol.KEYS);
    k.remove("source_ip_address");
    k.addAll(Set.of("valid_status_codes", "valid_http_versions", "method", "headers", "http_headers", "body",
        "body_file", "compression", "body_size_limit", "follow_redirects", "no_follow_redirects", "fail_if_ssl",
        "fail_if_not_ssl", "fail_if_body_matches_regexp", "fail_if_body_not_matches_regexp",
        "fail_if_header_matches", "fail_if_header_not_matches", "fail_if_body_json_matches_cel",
        "fail_if_body_json_not_matches_cel", "skip_resolve_phase_with_proxy", "enable_http2", "enable_http3",
        "basic_auth", "authorization", "bearer_token", "bearer_token_file", "oauth2", "proxy_url", "no_proxy",
        "proxy_from_environment", "proxy_connect_header", "tls_config"));
    return Set.copyOf(k);
  }

  static HttpOptions parse(YamlBlock b) throws ConfigException {
    if (b.has("body") && b.has("body_file")) {
      throw b.error("body_file", "setting body and body_file both are not allowed");
    }
    Map<String, String> headers = b.stringMap("headers");
    String compression = b.string("compression", "").toLowerCase(Locale.ROOT);
    if (!compression.isEmpty()) {
      b.oneOf("compression", compression, Set.of("gzip", "br", "deflate", "identity"));
      for (Map.Entry<String, String> h : headers.entrySet()) {
        if (h.getKey().equalsIgnoreCase("Accept-Encoding")
            && !h.getValue().toLowerCase(Locale.ROOT).contains(compression) && !h.getValue().contains("*")) {
          throw b.error("compression", "invalid configuration \"Accept-Encoding: " + h.getValue()
              + "\", \"compression: " + compression + "\"");
        }
      }
    }
    long sizeLimit = 0;
    if (b.has("body_size_limit")) {
      try {
        sizeLimit = GoValues.bytes(b.string("body_size_limit", "0"));
      } catch (IllegalArgumentException e) {
        throw b.error("body_size_limit", e.getMessage());
      }
    }
    boolean follow = b.bool("follow_redirects", true) && !b.bool("no_follow_redirects", false);
    List<Integer> codes = b.integers("valid_status_codes");
    for (int c : codes) {
      if (c < 100 || c > 999) {
        throw b.error("valid_status_codes", "status codes are 100 to 999, found " + c);
      }
    }
    List<String> versions = b.strings("valid_http_versions");
    for (String v : versions) {
      b.oneOf("valid_http_versions", v, Set.of("HTTP/1.0", "HTTP/1.1", "HTTP/2", "HTTP/2.0", "HTTP/3", "HTTP/3.0"));
    }
    String method = b.string("method", "GET");
    if (!method.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
      throw b.error("method", "must be an HTTP token, was " + YamlBlock.quote(method));
    }
    boolean http2 = b.bool("enable_http2", true);
    boolean http3 = b.bool("enable_http3", false);
    // blackbox 0.28's rules, in its order and words; its third (HTTP/3.0 among the versions without enable_http3)
    // is not applied: 0.23 accepts such a file, and a probe of it simply fails the version check
    if (http3 && versions.stream().anyMatch(v -> v.equals("HTTP/2.0") || v.equals("HTTP/1.1"))) {
      throw b.error("valid_http_versions", "HTTP/3 and HTTP/2.0/1.1 cannot be used together - only HTTP/3.0 is "
          + "allowed when enable_http3 is true");
    }
    if (http3 && http2) {
      throw b.error("enable_http3", "when enable_http3 is true, enable_http2 must be set to false");
    }
    Optional<String> body = b.string("body");
    if (body.isEmpty() && b.has("body_file")) {
      body = Optional.of("@" + b.string("body_file", ""));
    }
    return new HttpOptions(codes, versions, method, headers, HeaderSource.parse(b), body, compression, sizeLimit,
        follow, b.bool("fail_if_ssl", false), b.bool("fail_if_not_ssl", false),
        b.regexes("fail_if_body_matches_regexp"), b.regexes("fail_if_body_not_matches_regexp"),
        headerMatches(b, "fail_if_header_matches"), headerMatches(b, "fail_if_header_not_matches"),
        CelProgram.parse(b, "fail_if_body_json_matches_cel"), CelProgram.parse(b, "fail_if_body_json_not_matches_cel"),
        IpProtocol.parse(b),
        b.bool("skip_resolve_phase_with_proxy", false), http2, http3, HttpAuth.parse(b), ProxySettings.parse(b),
        TlsConfig.parse(b, "tls_config"));
  }

  private static List<HeaderMatch> headerMatches(YamlBlock b, String key) throws ConfigException {
    List<HeaderMatch> out = new ArrayList<>();
    for (Node n : b.list(key)) {
      YamlBlock m = YamlBlock.of(b.file(), b.pathOf(key), n, Set.of("header", "regexp", "allow_missing"));
      if (!m.has("header")) {
        throw m.error("header", "header name must be set for HTTP header matchers");
      }
      if (!m.has("regexp")) {
        throw m.error("regexp", "regexp must be set for HTTP header matchers");
      }
      out.add(new HeaderMatch(m.string("header", ""), m.regex("regexp", m.string("regexp", "")),
          m.bool("allow_missing", false)));
    }
    return List.copyOf(out);
  }
}
