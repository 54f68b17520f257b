package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.HttpOptions;
import io.netprobe.exporter.internal.config.ModuleConfig;
import io.netprobe.exporter.internal.config.TcpOptions;
import io.netprobe.exporter.internal.config.TlsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The blackbox options a module sets that netprobe's library cannot honour yet, by their blackbox.yml path. A probe
 * of such a module fails with {@code probe_failure_info{kind="UNSUPPORTED_OPTION"}} and a log line naming each
 * option, instead of silently probing something else. Wiring an option later means deleting its line here and
 * using it in the prober. Stateless and thread-safe.
 */
public final class Unsupported {
  /** The content codings the library decodes. */
  static final Set<String> COMPRESSION = Set.of("gzip", "deflate", "identity");

  private Unsupported() {}

  /** The options of {@code m}'s own prober block that cannot be honoured, as {@code block.key: why}. */
  public static List<String> of(ModuleConfig m) {
    List<String> out = new ArrayList<>();
    switch (m.prober()) {
      case HTTP -> http(m.http(), out);
      case TCP -> {
        for (TcpOptions.QueryResponse q : m.tcp().queryResponse()) {
          q.expectBytes().ifPresent(x -> out.add("tcp.query_response.expect_bytes"));
          if (!q.labels().isEmpty()) {
            out.add("tcp.query_response.labels (probe_expect_info)");
          }
        }
        TlsConfig t = m.tcp().tlsConfig();
        t.certFile().ifPresent(x -> out.add("tcp.tls_config.cert_file / key_file"));
        versions("tcp.tls_config", t, out);
      }
      case ICMP -> { }
      case DNS -> {
        if (m.dns().dnsOverTls()) {
          TlsConfig t = m.dns().tlsConfig();
          t.certFile().ifPresent(x -> out.add("dns.tls_config.cert_file / key_file"));
          versions("dns.tls_config", t, out);
        }
        if (!m.dns().queryClass().equals("IN")) {
          out.add("dns.query_class");
        }
      }
      case GRPC -> {
        m.grpc().ip().sourceAddress().ifPresent(s -> out.add("grpc.source_ip_address"));
        if (!m.grpc().metadata().isEmpty()) {
          out.add("grpc.metadata");
        }
        TlsConfig t = m.grpc().tlsConfig();
        if (t.insecureSkipVerify()) {
          out.add("grpc.tls_config.insecure_skip_verify");
        }
        t.certFile().ifPresent(x -> out.add("grpc.tls_config.cert_file / key_file"));
        versions("grpc.tls_config", t, out);
      }
      default -> { }
    }
    return out;
  }

  private static void http(HttpOptions h, List<String> out) {
    if (!h.compression().isEmpty() && !COMPRESSION.contains(h.compression().toLowerCase(Locale.ROOT))) {
      out.add("http.compression (" + h.compression() + "; netprobe decodes gzip and deflate)");
    }
    if (h.celExpressions()) {
      out.add("http.fail_if_body_json_(not_)matches_cel");
    }
    if (h.httpHeaders()) {
      out.add("http.http_headers");
    }
    if (h.proxyOptions()) {
      out.add("http.no_proxy / proxy_from_environment / proxy_connect_header");
    }
    if (h.auth().oauth2()) {
      out.add("http.oauth2");
    }
    if (!h.enableHttp2() || h.enableHttp3()) {
      out.add(h.enableHttp3() ? "http.enable_http3" : "http.enable_http2: false");
    }
    TlsConfig t = h.tls();
    t.serverName().ifPresent(x -> out.add("http.tls_config.server_name"));
    versions("http.tls_config", t, out);
  }

  private static void versions(String path, TlsConfig t, List<String> out) {
    t.minVersion().ifPresent(x -> out.add(path + ".min_version"));
    t.maxVersion().ifPresent(x -> out.add(path + ".max_version"));
    if (t.inline()) {
      out.add(path + ".ca / cert / key");
    }
  }
}
