package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.HttpOptions;
import io.netprobe.exporter.internal.config.ModuleConfig;
import io.netprobe.exporter.internal.config.TlsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The blackbox options a module sets that netprobe's library cannot honour yet, by their blackbox.yml path. A probe
 * of such a module fails with {@code probe_failure_info{kind="UNSUPPORTED_OPTION"}} and a log line naming each
 * option, instead of silently probing something else. Wiring an option later means deleting its line here and
 * using it in the prober. Stateless and thread-safe.
 */
public final class Unsupported {
  /** The methods a netprobe HTTP probe can send (it sends no body). */
  static final Set<String> HTTP_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  private Unsupported() {}

  /** The options of {@code m}'s own prober block that cannot be honoured, as {@code block.key: why}. */
  public static List<String> of(ModuleConfig m) {
    List<String> out = new ArrayList<>();
    switch (m.prober()) {
      case HTTP -> http(m.http(), out);
      case TCP -> {
        m.tcp().ip().sourceAddress().ifPresent(s -> out.add("tcp.source_ip_address"));
        if (!m.tcp().queryResponse().isEmpty()) {
          out.add("tcp.query_response");
        }
        if (m.tcp().tls()) {
          out.add("tcp.tls");
        }
      }
      case ICMP -> {
        m.icmp().ip().sourceAddress().ifPresent(s -> out.add("icmp.source_ip_address"));
        if (m.icmp().dontFragment()) {
          out.add("icmp.dont_fragment");
        }
      }
      case DNS -> {
        m.dns().ip().sourceAddress().ifPresent(s -> out.add("dns.source_ip_address"));
        if (m.dns().dnsOverTls()) {
          out.add("dns.dns_over_tls");
        }
        if (!m.dns().queryClass().equals("IN")) {
          out.add("dns.query_class");
        }
      }
      case GRPC -> out.add("prober: grpc (the gRPC health check)");
      default -> { }
    }
    return out;
  }

  private static void http(HttpOptions h, List<String> out) {
    if (!HTTP_METHODS.contains(h.method())) {
      out.add("http.method (" + h.method() + "; a netprobe probe sends GET, HEAD or OPTIONS without a body)");
    }
    h.body().ifPresent(b -> out.add("http.body / http.body_file"));
    if (!h.compression().isEmpty()) {
      out.add("http.compression");
    }
    if (h.bodySizeLimit() > 0) {
      out.add("http.body_size_limit");
    }
    if (!h.failIfBodyMatches().isEmpty() || !h.failIfBodyNotMatches().isEmpty()) {
      out.add("http.fail_if_body_(not_)matches_regexp");
    }
    if (h.celExpressions()) {
      out.add("http.fail_if_body_json_(not_)matches_cel");
    }
    if (h.httpHeaders()) {
      out.add("http.http_headers");
    }
    if (h.proxyUrl().isPresent() || h.proxyOptions()) {
      out.add("http.proxy_url / no_proxy / proxy_from_environment / proxy_connect_header");
    }
    if (h.auth().oauth2()) {
      out.add("http.oauth2");
    }
    if (!h.enableHttp2() || h.enableHttp3()) {
      out.add(h.enableHttp3() ? "http.enable_http3" : "http.enable_http2: false");
    }
    tls("http.tls_config", h.tls(), out);
  }

  private static void tls(String path, TlsConfig t, List<String> out) {
    t.caFile().ifPresent(x -> out.add(path + ".ca_file"));
    t.certFile().ifPresent(x -> out.add(path + ".cert_file / key_file"));
    t.serverName().ifPresent(x -> out.add(path + ".server_name"));
    t.minVersion().ifPresent(x -> out.add(path + ".min_version"));
    t.maxVersion().ifPresent(x -> out.add(path + ".max_version"));
    if (t.inline()) {
      out.add(path + ".ca / cert / key");
    }
  }
}
