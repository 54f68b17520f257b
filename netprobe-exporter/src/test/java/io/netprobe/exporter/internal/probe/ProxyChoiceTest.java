package io.netprobe.exporter.internal.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.exporter.internal.config.ProxySettings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Go's proxy choice: net/http's ProxyURL and httpproxy's no_proxy and environment rules. */
class ProxyChoiceTest {
  private static final ProxySettings PROXY = new ProxySettings(Optional.of("http://proxy:3128"), Optional.empty(),
      false, List.of());

  private static Optional<String> with(String noProxy, String url) {
    return ProxyChoice.of(new ProxySettings(PROXY.url(), Optional.of(noProxy), false, List.of()), URI.create(url),
        Map.of());
  }

  @Test
  void proxyUrlAloneProxiesEverythingEvenLoopback() {
    assertThat(ProxyChoice.of(PROXY, URI.create("http://127.0.0.1:8080/"), Map.of())).contains("http://proxy:3128");
    assertThat(ProxyChoice.of(ProxySettings.NONE, URI.create("http://192.0.2.1/"), Map.of())).isEmpty();
  }

  @Test
  void noProxyEntriesAsHttpproxyMatchesThem() {
    assertThat(with("10.0.0.0/8", "http://10.1.2.3/")).isEmpty();
    assertThat(with("10.0.0.0/8", "http://192.0.2.1/")).isPresent();
    assertThat(with("2001:db8::/32", "http://[2001:db8::1]/")).isEmpty();
    assertThat(with("192.0.2.1", "http://192.0.2.1:8080/")).isEmpty();
    assertThat(with("example.org", "http://example.org/")).isEmpty();
    assertThat(with("example.org", "http://www.example.org/")).isEmpty();
    assertThat(with("example.org", "http://badexample.org/")).isPresent();
    assertThat(with(".example.org", "http://example.org/")).isPresent();
    assertThat(with("*.example.org", "http://a.example.org/")).isEmpty();
    assertThat(with("example.org:8443", "https://example.org:8443/")).isEmpty();
    assertThat(with("example.org:8443", "https://example.org/")).isPresent();
    assertThat(with("*", "http://192.0.2.1/")).isEmpty();
    // loopback and localhost never go through a proxy once httpproxy decides
    assertThat(with("10.0.0.0/8", "http://127.0.0.1/")).isEmpty();
    assertThat(with("10.0.0.0/8", "http://[::1]/")).isEmpty();
    assertThat(with("10.0.0.0/8", "http://localhost/")).isEmpty();
  }

  @Test
  void fromTheEnvironmentBySchemeUpperCaseFirst() {
    ProxySettings env = new ProxySettings(Optional.empty(), Optional.empty(), true, List.of());
    Map<String, String> vars = Map.of("HTTP_PROXY", "plain:3128", "https_proxy", "http://secure:3128",
        "HTTPS_PROXY", "http://upper:3128", "NO_PROXY", ".internal");
    assertThat(ProxyChoice.of(env, URI.create("http://192.0.2.1/"), vars)).contains("http://plain:3128");
    assertThat(ProxyChoice.of(env, URI.create("https://192.0.2.1/"), vars)).contains("http://upper:3128");
    assertThat(ProxyChoice.of(env, URI.create("https://db.internal/"), vars)).isEmpty();
    assertThat(ProxyChoice.of(env, URI.create("http://127.0.0.1/"), vars)).isEmpty();
    assertThat(ProxyChoice.of(env, URI.create("http://192.0.2.1/"), Map.of())).isEmpty();
  }
}
