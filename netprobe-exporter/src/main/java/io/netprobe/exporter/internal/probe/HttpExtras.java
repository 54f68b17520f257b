package io.netprobe.exporter.internal.probe;

import io.netprobe.exporter.internal.config.HeaderSource;
import io.netprobe.exporter.internal.config.HttpOptions;
import io.netprobe.exporter.internal.config.TlsConfig;
import io.netprobe.http.HttpAssertion;
import io.netprobe.http.HttpAssertionResult;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.TlsVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an http module that map one to one onto the library's request options: {@code tls_config} (CA,
 * client certificate, server name, versions, inline PEM), {@code enable_http2}, {@code enable_http3},
 * {@code http_headers}, the proxy
 * ({@code proxy_url}, {@code no_proxy}, {@code proxy_from_environment}, {@code proxy_connect_header}) and
 * {@code fail_if_header_(not_)matches} as the library's header assertions. Stateless and thread-safe.
 */
final class HttpExtras {
  private HttpExtras() {}

  /**
   * {@code r} with those options; {@code dialled} is the URL as blackbox dials it (host replaced by the resolved
   * address), which the proxy choice looks at as Go's does.
   */
  static HttpProbeRequest apply(HttpProbeRequest r, HttpOptions h, URI dialled, Map<String, String> env,
      ProbeLog log) throws IOException {
    r = tls(r, h.tls());
    if (!h.enableHttp2()) {
      r = r.http2(false);
    }
    if (h.enableHttp3()) {
      r = r.http3(true);
    }
    for (HeaderSource s : h.httpHeaders()) {
      for (String v : s.values()) {
        r = r.header(s.name(), v);
      }
      for (String v : s.secrets()) {
        r = r.header(s.name(), v);
      }
      for (String f : s.files()) {
        r = r.header(s.name(), Files.readString(Path.of(f), StandardCharsets.UTF_8).strip());
      }
    }
    Optional<String> proxy = ProxyChoice.of(h.proxy(), dialled, env);
    if (proxy.isPresent()) {
      r = r.proxy(proxy.get());
      for (Map.Entry<String, String> e : h.proxy().connectHeaders()) {
        r = r.proxyConnectHeader(e.getKey(), e.getValue());
      }
    } else if (h.proxy().url().isPresent() || h.proxy().fromEnvironment()) {
      log.debug("Not using a proxy for this target (no_proxy, loopback or no proxy in the environment)");
    }
    for (HttpOptions.HeaderMatch m : h.failIfHeaderMatches()) {
      r = r.failIfHeaderMatches(m.header(), m.regexp().pattern(), m.allowMissing());
    }
    for (HttpOptions.HeaderMatch m : h.failIfHeaderNotMatches()) {
      r = r.failIfHeaderNotMatches(m.header(), m.regexp().pattern(), m.allowMissing());
    }
    return r;
  }

  /** {@code tls_config} on an HTTP request: trust, client certificate, server name and version bounds. */
  static HttpProbeRequest tls(HttpProbeRequest r, TlsConfig tls) {
    if (tls.insecureSkipVerify()) {
      r = r.insecure();
    }
    Optional<Path> ca = TlsFiles.ca(tls);
    if (ca.isPresent()) {
      r = r.caFile(ca.get());
    }
    if (tls.clientCertificate()) {
      r = r.clientCertificate(TlsFiles.cert(tls).orElseThrow(), TlsFiles.key(tls).orElseThrow(), null);
    }
    if (tls.serverName().isPresent()) {
      r = r.serverName(tls.serverName().get());
    }
    if (tls.minVersion().isPresent() || tls.maxVersion().isPresent()) {
      r = r.tlsVersions(tls.minVersion().map(HttpExtras::version).orElse(null),
          tls.maxVersion().map(HttpExtras::version).orElse(null));
    }
    return r;
  }

  /** {@code TLS12} → {@link TlsVersion#TLS_1_2}. */
  static TlsVersion version(String go) {
    return switch (go) {
      case "TLS10" -> TlsVersion.TLS_1_0;
      case "TLS11" -> TlsVersion.TLS_1_1;
      case "TLS12" -> TlsVersion.TLS_1_2;
      case "TLS13" -> TlsVersion.TLS_1_3;
      default -> throw new IllegalArgumentException("unknown TLS version: " + go);
    };
  }

  /**
   * The first failed {@code fail_if_header_(not_)matches} of {@code r}, logged as blackbox logs it; empty when
   * they all passed.
   */
  static Optional<HttpAssertionResult> failedHeaderCheck(HttpProbeResult r, ProbeLog log) {
    Optional<HttpAssertionResult> failed = r.assertions().stream().filter(a -> !a.passed())
        .filter(a -> a.assertion() instanceof HttpAssertion.HeaderMatches
            || a.assertion() instanceof HttpAssertion.HeaderNotMatches).findFirst();
    failed.ifPresent(a -> {
      if (a.assertion() instanceof HttpAssertion.HeaderMatches m) {
        log.error(a.observed().equals("no " + m.header() + " header") ? "Missing required header header=" + m.header()
            : "Header matched regular expression header=" + m.header() + " regexp=" + m.regex().pattern());
      } else if (a.assertion() instanceof HttpAssertion.HeaderNotMatches m) {
        log.error(a.observed().equals("no " + m.header() + " header") ? "Missing required header header=" + m.header()
            : "Header did not match regular expression header=" + m.header() + " regexp=" + m.regex().pattern());
      }
    });
    return failed;
  }
}
