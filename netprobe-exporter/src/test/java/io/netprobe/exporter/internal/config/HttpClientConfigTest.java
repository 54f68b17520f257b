package io.netprobe.exporter.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** prometheus/common's client options in an http module: parsed into records, refused with common's messages. */
class HttpClientConfigTest {
  private static HttpOptions http(String block) throws ConfigException {
    return BlackboxConfig.parse("f.yml", "modules:\n  m:\n    prober: http\n    http:\n" + block.indent(6))
        .module("m").orElseThrow().http();
  }

  @Test
  void tlsConfigServerNameVersionsAndInlinePem() throws Exception {
    TlsConfig t = http("""
        tls_config:
          server_name: sni.test
          min_version: TLS12
          max_version: TLS13
          ca: "-----BEGIN CERTIFICATE-----"
          cert: "-----BEGIN CERTIFICATE-----"
          key: "-----BEGIN PRIVATE KEY----- k3y"
        """).tls();
    assertThat(t.serverName()).contains("sni.test");
    assertThat(t.minVersion()).contains("TLS12");
    assertThat(t.maxVersion()).contains("TLS13");
    assertThat(t.ca()).isPresent();
    assertThat(t.clientCertificate()).isTrue();
    assertThat(t.toString()).doesNotContain("k3y");
  }

  @Test
  void httpHeadersProxyAndOauth2ParseIntoTheirRecords() throws Exception {
    HttpOptions h = http("""
        http_headers:
          X-Team: {values: [a, b]}
          X-Key: {secrets: [s3cret]}
          X-File: {files: [/etc/hostname]}
        proxy_url: http://127.0.0.1:3128
        no_proxy: 10.0.0.0/8,.internal
        proxy_connect_header:
          X-Tenant: [t1, t2]
        oauth2:
          client_id: c
          client_secret: oauth-s3cret
          scopes: [x, y]
          token_url: https://auth.example/token
          endpoint_params: {audience: api}
          tls_config: {ca_file: /tmp/ca.pem}
        """);
    assertThat(h.httpHeaders()).containsExactly(new HeaderSource("X-Team", List.of("a", "b"), List.of(), List.of()),
        new HeaderSource("X-Key", List.of(), List.of("s3cret"), List.of()),
        new HeaderSource("X-File", List.of(), List.of(), List.of("/etc/hostname")));
    assertThat(h.httpHeaders().get(1).toString()).doesNotContain("s3cret");
    assertThat(h.proxy().url()).contains("http://127.0.0.1:3128");
    assertThat(h.proxy().noProxy()).contains("10.0.0.0/8,.internal");
    assertThat(h.proxy().connectHeaders()).containsExactly(Map.entry("X-Tenant", "t1"), Map.entry("X-Tenant", "t2"));
    OAuth2Config o = h.auth().oauth2().orElseThrow();
    assertThat(o.scopes()).containsExactly("x", "y");
    assertThat(o.endpointParams()).containsEntry("audience", "api");
    assertThat(o.tls().caFile()).contains("/tmp/ca.pem");
    assertThat(o.toString() + h.auth()).doesNotContain("oauth-s3cret");
  }

  @Test
  void commonsRulesAreCheckedAtLoadWithFileLineAndKey() {
    List<String[]> cases = List.of(
        new String[] {"http_headers:\n  Authorization: {values: [x]}\n",
            "f.yml:6: modules.m.http.http_headers.Authorization: setting header \"Authorization\" is not allowed"},
        new String[] {"http_headers:\n  user-agent: {values: [x]}\n", "setting header \"User-Agent\" is not allowed"},
        new String[] {"http_headers:\n  X-A: {value: [x]}\n", "modules.m.http.http_headers.X-A.value: unknown key"},
        new String[] {"no_proxy: 10.0.0.0/8\n", "if no_proxy is configured, proxy_url must also be configured"},
        new String[] {"proxy_from_environment: true\nproxy_url: http://p:1\n",
            "if proxy_from_environment is configured, proxy_url must not be configured"},
        new String[] {"proxy_connect_header:\n  X: [y]\n",
            "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured"},
        new String[] {"oauth2:\n  client_id: c\n", "oauth2 needs client_id and token_url"},
        new String[] {"oauth2:\n  client_id: c\n  client_secret: a\n  client_secret_file: b\n  token_url: http://t/\n",
            "at most one of oauth2 client_secret & client_secret_file must be configured"},
        new String[] {"tls_config:\n  ca: x\n  ca_file: y\n", "at most one of ca and ca_file must be configured"},
        new String[] {"tls_config:\n  cert_file: x\n",
            "exactly one of key or key_file must be configured when a client certificate is configured"},
        new String[] {"tls_config:\n  key: x\n",
            "exactly one of cert or cert_file must be configured when a client key is configured"},
        new String[] {"tls_config:\n  server_name: 192.0.2.1\n", "modules.m.http.tls_config.server_name: netprobe "
            + "sends a host name as the TLS server name, not an address"},
        new String[] {"enable_http3: true\n", "modules.m.http.enable_http3: when enable_http3 is true, enable_http2 "
            + "must be set to false"},
        new String[] {"enable_http3: true\nenable_http2: false\nvalid_http_versions: [HTTP/3.0, HTTP/1.1]\n",
            "modules.m.http.valid_http_versions: HTTP/3 and HTTP/2.0/1.1 cannot be used together - only HTTP/3.0 is "
            + "allowed when enable_http3 is true"});
    for (String[] c : cases) {
      assertThatThrownBy(() -> http(c[0])).as(c[0]).isInstanceOf(ConfigException.class).hasMessageContaining(c[1]);
    }
  }
}
