package io.netprobe.exporter.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * prometheus/common's proxy options beside {@code proxy_url}: {@code no_proxy} (hosts, domains and networks that
 * go direct), {@code proxy_from_environment} ({@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code NO_PROXY}) and
 * {@code proxy_connect_header} (sent with CONNECT). Immutable and thread-safe; header values are secrets and
 * {@code toString} shows only their names.
 *
 * @param url {@code proxy_url}, when set
 * @param noProxy {@code no_proxy}, comma-separated, when set
 * @param fromEnvironment {@code proxy_from_environment}
 * @param connectHeaders {@code proxy_connect_header}: each name with its values, in order
 */
public record ProxySettings(Optional<String> url, Optional<String> noProxy, boolean fromEnvironment,
    List<Map.Entry<String, String>> connectHeaders) {
  public static final ProxySettings NONE = new ProxySettings(Optional.empty(), Optional.empty(), false, List.of());

  public ProxySettings {
    connectHeaders = List.copyOf(connectHeaders);
  }

  static ProxySettings parse(YamlBlock b) throws ConfigException {
    Optional<String> url = b.string("proxy_url");
    Optional<String> noProxy = b.string("no_proxy");
    boolean env = b.bool("proxy_from_environment", false);
    // common's messages (config/http_config.go, ProxyConfig.Validate)
    if (env && url.isPresent()) {
      throw b.error("proxy_from_environment", "if proxy_from_environment is configured, proxy_url must not be "
          + "configured");
    }
    if (env && noProxy.isPresent()) {
      throw b.error("no_proxy", "if proxy_from_environment is configured, no_proxy must not be configured");
    }
    if (noProxy.isPresent() && url.isEmpty()) {
      throw b.error("no_proxy", "if no_proxy is configured, proxy_url must also be configured");
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    Optional<YamlBlock> h = b.block("proxy_connect_header", null);
    if (h.isPresent()) {
      if (url.isEmpty() && !env) {
        throw b.error("proxy_connect_header", "if proxy_connect_header is configured, proxy_url or "
            + "proxy_from_environment must also be configured");
      }
      for (String name : h.get().keys()) {
        if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
          throw h.get().error(name, "a header name must be an HTTP token, was " + YamlBlock.quote(name));
        }
        for (String v : h.get().strings(name)) {
          headers.add(Map.entry(name, v));
        }
      }
    }
    return new ProxySettings(url, noProxy, env, headers);
  }

  static final Set<String> KEYS = Set.of("proxy_url", "no_proxy", "proxy_from_environment", "proxy_connect_header");

  @Override
  public String toString() {
    return "ProxySettings[url=" + url.map(u -> u.replaceAll("//[^@/]*@", "//<secret>@")).orElse("none")
        + ", noProxy=" + noProxy.orElse("") + ", fromEnvironment=" + fromEnvironment + ", connectHeaders="
        + connectHeaders.stream().map(Map.Entry::getKey).toList() + "]";
  }
}
