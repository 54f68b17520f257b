package io.netprobe.exporter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One blackbox.yml fed to the real blackbox_exporter (Debian's 0.23) and to netprobe-exporter, both on free loopback
 * ports, probing the same lab (nginx 200/301/503/vhost/TLS, a refused port, NSD, loopback ICMP): probe_success equal
 * in every case, and every series blackbox writes also written by netprobe-exporter with the same labels and, for
 * series that are not timings, the same value. Skipped with a reason when a server or blackbox is missing.
 */
class BlackboxParityIT {
  /**
   * Documented differences (docs/exporter.md): netprobe's gRPC result carries no TLS facts, so a gRPC probe over TLS
   * lacks these series, and {@code probe_ssl_earliest_cert_expiry} stays 0.
   */
  static final Set<String> GRPC_TLS_FACTS = Set.of("probe_ssl_earliest_cert_expiry", "probe_tls_version_info",
      "probe_ssl_last_chain_info");

  /** Series whose values are measurements of time: names must match, values may not. */
  static final Set<String> TIMINGS = Set.of("probe_duration_seconds", "probe_dns_lookup_time_seconds",
      "probe_http_duration_seconds", "probe_icmp_duration_seconds", "probe_dns_duration_seconds",
      "probe_grpc_duration_seconds");

  static final String CONFIG = """
      modules:
        http_2xx:
          prober: http
          timeout: 5s
        http_no_redirect:
          prober: http
          timeout: 5s
          http:
            follow_redirects: false
        http_503_ok:
          prober: http
          timeout: 5s
          http:
            valid_status_codes: [503]
        http_insecure:
          prober: http
          timeout: 5s
          http:
            tls_config:
              insecure_skip_verify: true
        http_vhost:
          prober: http
          timeout: 5s
          http:
            valid_status_codes: [204]
            headers:
              Host: vhost.test
        http_header:
          prober: http
          timeout: 5s
          http:
            fail_if_header_not_matches:
              - header: Server
                regexp: "^apache"
        http_ssl_required:
          prober: http
          timeout: 5s
          http:
            fail_if_not_ssl: true
        http_ip4:
          prober: http
          timeout: 5s
          http:
            preferred_ip_protocol: ip4
            ip_protocol_fallback: false
        tcp_connect:
          prober: tcp
          timeout: 5s
        icmp:
          prober: icmp
          timeout: 5s
        http_body_fails:
          prober: http
          timeout: 5s
          http:
            fail_if_body_matches_regexp: ["exporter lab"]
        http_body_passes:
          prober: http
          timeout: 5s
          http:
            fail_if_body_not_matches_regexp: ['exporter\\s+lab']
            fail_if_body_matches_regexp: ["maintenance"]
        http_basic_auth:
          prober: http
          timeout: 5s
          http:
            basic_auth: {username: alice, password: s3cret}
        http_basic_auth_wrong:
          prober: http
          timeout: 5s
          http:
            basic_auth: {username: alice, password: not-it}
        http_401_ok:
          prober: http
          timeout: 5s
          http:
            valid_status_codes: [401]
        http_post:
          prober: http
          timeout: 5s
          http:
            method: POST
            body: '{"q":1}'
            valid_status_codes: [405]
        http_version:
          prober: http
          timeout: 5s
          http:
            valid_http_versions: ["HTTP/2.0"]
        http_gzip:
          prober: http
          timeout: 5s
          http:
            compression: gzip
        http_gzip_asked:
          prober: http
          timeout: 5s
          http:
            compression: gzip
            headers:
              Accept-Encoding: gzip
        http_small_limit:
          prober: http
          timeout: 5s
          http:
            body_size_limit: 10B
        http_large_limit:
          prober: http
          timeout: 5s
          http:
            body_size_limit: 1KB
        tcp_source:
          prober: tcp
          timeout: 5s
          tcp:
            source_ip_address: 127.0.0.1
            query_response:
              - send: PING
              - expect: '^\\+PONG'
        icmp_source:
          prober: icmp
          timeout: 5s
          icmp:
            preferred_ip_protocol: ip4
            source_ip_address: 127.0.0.1
        tcp_redis:
          prober: tcp
          timeout: 5s
          tcp:
            query_response:
              - send: PING
              - expect: '^\\+PONG'
              - send: QUIT
              - expect: '^\\+OK'
        tcp_redis_wrong:
          prober: tcp
          timeout: 5s
          tcp:
            query_response:
              - send: QUIT
              - expect: '^\\+PONG'
        tcp_starttls:
          prober: tcp
          timeout: 5s
          tcp:
            query_response:
              - expect: "^220 "
              - send: STARTTLS
              - expect: "^220 go"
              - starttls: true
              - send: QUIT
              - expect: "^221"
            tls_config: {insecure_skip_verify: true}
        tcp_starttls_verified:
          prober: tcp
          timeout: 5s
          tcp:
            query_response:
              - expect: "^220 "
              - send: STARTTLS
              - expect: "^220 go"
              - starttls: true
              - send: QUIT
              - expect: "^221"
        tcp_tls:
          prober: tcp
          timeout: 5s
          tcp:
            tls: true
            tls_config: {insecure_skip_verify: true}
        tcp_tls13:
          prober: tcp
          timeout: 5s
          tcp:
            tls: true
            tls_config: {insecure_skip_verify: true, min_version: TLS13}
        icmp_df:
          prober: icmp
          timeout: 5s
          icmp:
            preferred_ip_protocol: ip4
            payload_size: 1200
            dont_fragment: true
        icmp_ttl:
          prober: icmp
          timeout: 5s
          icmp:
            ttl: 3
        grpc_server:
          prober: grpc
          timeout: 5s
        grpc_server4:
          prober: grpc
          timeout: 5s
          grpc:
            preferred_ip_protocol: ip4
        grpc_service:
          prober: grpc
          timeout: 5s
          grpc:
            preferred_ip_protocol: ip4
            service: lab
        grpc_tls:
          prober: grpc
          timeout: 5s
          grpc:
            preferred_ip_protocol: ip4
            service: lab
            tls: true
            tls_config: {ca_file: "@DIR@/cert.pem", server_name: localhost}
        grpc_tls13:
          prober: grpc
          timeout: 5s
          grpc:
            preferred_ip_protocol: ip4
            tls: true
            tls_config: {ca_file: "@DIR@/cert.pem", server_name: localhost, min_version: TLS13}
        grpc_tls_insecure:
          prober: grpc
          timeout: 5s
          grpc:
            preferred_ip_protocol: ip4
            tls: true
            tls_config: {insecure_skip_verify: true}
        grpc_tls_untrusted:
          prober: grpc
          timeout: 5s
          grpc:
            preferred_ip_protocol: ip4
            tls: true
        grpc_not_serving:
          prober: grpc
          timeout: 5s
          grpc:
            preferred_ip_protocol: ip4
            service: resting
        grpc_unknown:
          prober: grpc
          timeout: 5s
          grpc:
            preferred_ip_protocol: ip4
            service: nobody
        http_sni:
          prober: http
          timeout: 5s
          http:
            tls_config: {ca_file: "@DIR@/sni.pem", server_name: sni.test}
        http_sni_untrusted:
          prober: http
          timeout: 5s
          http:
            tls_config: {ca_file: "@DIR@/cert.pem", server_name: sni.test}
        http_tls13:
          prober: http
          timeout: 5s
          http:
            tls_config: {insecure_skip_verify: true, min_version: TLS13}
        http_no_http2:
          prober: http
          timeout: 5s
          http:
            enable_http2: false
            tls_config: {ca_file: "@DIR@/cert.pem"}
        http_oauth2:
          prober: http
          timeout: 5s
          http:
            oauth2:
              client_id: lab
              client_secret: lab-secret
              scopes: [probe]
              token_url: "http://127.0.0.1:@HTTP@/token"
        dns_chaos:
          prober: dns
          timeout: 5s
          dns:
            query_name: version.server
            query_type: TXT
            query_class: CH
            validate_answer_rrs:
              fail_if_none_matches_regexp: ["version.server.\\t0\\tCH\\tTXT\\t\\\"NSD "]
        dns_www:
          prober: dns
          timeout: 5s
          dns:
            query_name: www.example.test
            query_type: A
        dns_soa:
          prober: dns
          timeout: 5s
          dns:
            query_name: example.test
            query_type: SOA
            transport_protocol: tcp
        dns_missing:
          prober: dns
          timeout: 5s
          dns:
            query_name: nope.example.test
            query_type: A
        dns_validate:
          prober: dns
          timeout: 5s
          dns:
            query_name: www.example.test
            query_type: A
            validate_answer_rrs:
              fail_if_not_matches_regexp: ["www.example.test.\\t300\\tIN\\tA\\t192.0.2.80"]
        dns_validate_fails:
          prober: dns
          timeout: 5s
          dns:
            query_name: www.example.test
            query_type: A
            validate_answer_rrs:
              fail_if_matches_regexp: ["192\\\\.0\\\\.2\\\\.80"]
      """;

  @TempDir
  static Path dir;
  static Lab lab;
  static URI blackbox;
  static Exporter netprobe;

  @BeforeAll
  static void start() throws Exception {
    Lab.assume("BlackboxParityIT", Files.isExecutable(Lab.BLACKBOX),
        "prometheus-blackbox-exporter is not installed");
    Lab.assume("BlackboxParityIT", Files.isExecutable(Lab.NGINX) && Files.isExecutable(Lab.NSD)
        && Files.isExecutable(Lab.OPENSSL), "nginx, nsd or openssl is not installed");
    Lab.assume("BlackboxParityIT", Files.isExecutable(Lab.REDIS), "redis-server is not installed");
    lab = new Lab(dir).nginx().nsd().redis().grpc().starttls();
    Path config = Files.writeString(dir.resolve("blackbox.yml"), CONFIG.replace("@DIR@", dir.toString())
        .replace("@HTTP@", Integer.toString(lab.http)));
    blackbox = lab.blackbox(config);
    netprobe = Exporter.start(Probes.defaultClient(), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:0", "--log.level=warn");
  }

  @AfterAll
  static void stop() {
    if (netprobe != null) {
      netprobe.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  void prometheusScrapesNetprobeExporterWithBlackboxsRelabelConfig() throws Exception {
    Lab.assume("BlackboxParityIT", Files.isExecutable(Lab.PROMETHEUS), "prometheus is not installed");
    int port = netprobe.addresses().get(0).getPort();
    URI prometheus = lab.prometheus("""
          - job_name: blackbox
            metrics_path: /probe
            params:
              module: [http_2xx]
            static_configs:
              - targets: ["http://127.0.0.1:%1$d/", "http://127.0.0.1:%2$d/"]
            relabel_configs:
              - source_labels: [__address__]
                target_label: __param_target
              - source_labels: [__param_target]
                target_label: instance
              - target_label: __address__
                replacement: 127.0.0.1:%3$d
        """.formatted(lab.http, lab.refused, port));
    String up = Lab.query(prometheus, "probe_success{job=\"blackbox\"}", b -> b.split("\"instance\"").length == 3);
    assertThat(up).contains("\"instance\":\"http://127.0.0.1:" + lab.http + "/\"");
    assertThat(Lab.query(prometheus, "probe_success{instance=\"http://127.0.0.1:" + lab.http + "/\"}",
        b -> b.contains("\"1\"]"))).contains("\"1\"]");
    assertThat(Lab.query(prometheus, "probe_success{instance=\"http://127.0.0.1:" + lab.refused + "/\"}",
        b -> b.contains("\"0\"]"))).contains("\"0\"]");
    assertThat(Lab.query(prometheus, "probe_failure_info{kind=\"CONNECTION_REFUSED\"}",
        b -> b.contains("CONNECTION_REFUSED\""))).contains("\"instance\":\"http://127.0.0.1:" + lab.refused + "/\"");
    assertThat(Lab.query(prometheus, "up{job=\"blackbox\"}", b -> b.contains("\"1\"]")))
        .doesNotContain("\"0\"]");
  }

  /** module, target and, for the cases of the newer options, the probe_success the lab is built to give. */
  List<String[]> cases() {
    String h = "http://127.0.0.1:" + lab.http;
    String dns = "127.0.0.1:" + lab.dns;
    return List.of(
        new String[] {"http_2xx", h + "/"},
        new String[] {"http_2xx", h + "/old"},
        new String[] {"http_2xx", h + "/down"},
        new String[] {"http_2xx", "http://127.0.0.1:" + lab.refused + "/"},
        new String[] {"http_2xx", "127.0.0.1:" + lab.http + "/"},
        new String[] {"http_2xx", "https://127.0.0.1:" + lab.https + "/"},
        new String[] {"http_2xx", "http://localhost:" + lab.http + "/"},
        new String[] {"http_no_redirect", h + "/old"},
        new String[] {"http_503_ok", h + "/down"},
        new String[] {"http_insecure", "https://127.0.0.1:" + lab.https + "/"},
        new String[] {"http_vhost", h + "/vhost"},
        new String[] {"http_header", h + "/"},
        new String[] {"http_ssl_required", h + "/"},
        new String[] {"http_ip4", "http://localhost:" + lab.http + "/"},
        new String[] {"tcp_connect", "127.0.0.1:" + lab.http},
        new String[] {"tcp_connect", "127.0.0.1:" + lab.refused},
        new String[] {"tcp_connect", "localhost:" + lab.http},
        new String[] {"icmp", "127.0.0.1"},
        new String[] {"http_body_fails", h + "/", "0"},
        new String[] {"http_body_passes", h + "/", "1"},
        new String[] {"http_basic_auth", h + "/private/", "1"},
        new String[] {"http_basic_auth_wrong", h + "/private/", "0"},
        new String[] {"http_401_ok", h + "/private/", "1"},
        new String[] {"http_2xx", h + "/private/", "0"},
        new String[] {"http_post", h + "/", "1"},
        new String[] {"http_version", h + "/", "0"},
        new String[] {"http_gzip", h + "/", "0"},
        new String[] {"http_gzip", h + "/gz/", "0"},
        new String[] {"http_gzip_asked", h + "/gz/", "1"},
        new String[] {"http_gzip_asked", h + "/", "0"},
        new String[] {"tcp_redis", "127.0.0.1:" + lab.redis, "1"},
        new String[] {"tcp_redis_wrong", "127.0.0.1:" + lab.redis, "0"},
        new String[] {"tcp_tls", "127.0.0.1:" + lab.https, "1"},
        new String[] {"tcp_tls", "127.0.0.1:" + lab.http, "0"},
        new String[] {"tcp_tls13", "127.0.0.1:" + lab.https, "1"},
        new String[] {"tcp_tls13", "127.0.0.1:" + lab.https12, "0"},
        new String[] {"tcp_starttls", "127.0.0.1:" + lab.smtp, "1"},
        new String[] {"tcp_starttls_verified", "127.0.0.1:" + lab.smtp, "0"},
        new String[] {"http_small_limit", h + "/", "0"},
        new String[] {"http_large_limit", h + "/", "1"},
        new String[] {"tcp_source", "127.0.0.1:" + lab.redis, "1"},
        new String[] {"icmp_source", "127.0.0.1", "1"},
        new String[] {"icmp_df", "127.0.0.1", "1"},
        new String[] {"icmp_ttl", "127.0.0.1", "1"},
        new String[] {"grpc_server", "127.0.0.1:" + lab.grpc, "0"},
        new String[] {"grpc_service", "127.0.0.1:" + lab.grpc, "1"},
        new String[] {"grpc_tls", "127.0.0.1:" + lab.grpcTls, "1"},
        new String[] {"grpc_tls_untrusted", "127.0.0.1:" + lab.grpcTls, "0"},
        new String[] {"grpc_tls_insecure", "127.0.0.1:" + lab.grpcTls, "1"},
        new String[] {"grpc_tls13", "127.0.0.1:" + lab.grpcTls, "1"},
        new String[] {"grpc_tls13", "127.0.0.1:" + lab.grpcTls12, "0"},
        new String[] {"grpc_tls", "127.0.0.1:" + lab.grpcTls12, "1"},
        new String[] {"grpc_not_serving", "127.0.0.1:" + lab.grpc, "0"},
        new String[] {"grpc_unknown", "127.0.0.1:" + lab.grpc, "0"},
        new String[] {"grpc_server4", "127.0.0.1:" + lab.grpc, "1"},
        new String[] {"grpc_server4", "127.0.0.1:" + lab.refused, "0"},
        new String[] {"http_sni", "https://127.0.0.1:" + lab.https + "/", "1"},
        new String[] {"http_sni_untrusted", "https://127.0.0.1:" + lab.https + "/", "0"},
        new String[] {"http_tls13", "https://127.0.0.1:" + lab.https + "/", "1"},
        new String[] {"http_tls13", "https://127.0.0.1:" + lab.https12 + "/", "0"},
        new String[] {"http_no_http2", "https://localhost:" + lab.https + "/", "1"},
        new String[] {"http_2xx", "https://localhost:" + lab.https + "/"},
        new String[] {"http_oauth2", h + "/oauth", "1"},
        new String[] {"http_2xx", h + "/oauth", "0"},
        new String[] {"dns_chaos", dns, "1"},
        new String[] {"dns_www", dns},
        new String[] {"dns_soa", dns},
        new String[] {"dns_missing", dns},
        new String[] {"dns_validate", dns},
        new String[] {"dns_validate_fails", dns});
  }

  @Test
  void probeSuccessSeriesAndNonTimingValuesMatchBlackbox() throws Exception {
    List<String> differences = new ArrayList<>();
    int series = 0;
    int documented = 0;
    for (String[] c : cases()) {
      String query = "probe?module=" + c[0] + "&target=" + URLEncoder.encode(c[1], StandardCharsets.UTF_8);
      String bbText = Lab.get(blackbox.resolve(query));
      String npText = Lab.get(netprobe.uri().resolve(query));
      Map<String, Double> bb = Lab.series(bbText);
      Map<String, Double> np = Lab.series(npText);
      Map<String, String> bbWritten = Lab.written(bbText);
      Map<String, String> npWritten = Lab.written(npText);
      String where = c[0] + " " + c[1] + ": ";
      if (c.length > 2 && Double.parseDouble(c[2]) != np.get("probe_success")) {
        differences.add(where + "probe_success " + np.get("probe_success") + ", the lab is built for " + c[2]);
      }
      if (!bb.get("probe_success").equals(np.get("probe_success"))) {
        differences.add(where + "probe_success blackbox " + bb.get("probe_success") + ", netprobe "
            + np.get("probe_success") + "; netprobe: " + np);
      }
      for (Map.Entry<String, Double> e : bb.entrySet()) {
        series++;
        String name = e.getKey().replaceAll("\\{.*", "");
        if (c[0].startsWith("grpc_tls") && GRPC_TLS_FACTS.contains(name)) {
          documented++;
          continue;
        }
        if (!np.containsKey(e.getKey())) {
          differences.add(where + "missing " + e.getKey() + " (netprobe has " + new TreeSet<>(np.keySet()) + ")");
        } else if (!TIMINGS.contains(name) && Math.abs(np.get(e.getKey()) - e.getValue()) > 1e-6
            * Math.max(1, Math.abs(e.getValue()))) {
          differences.add(where + e.getKey() + " blackbox " + e.getValue() + ", netprobe " + np.get(e.getKey()));
        } else if (!TIMINGS.contains(name) && e.getValue().equals(np.get(e.getKey()))
            && !bbWritten.get(e.getKey()).equals(npWritten.get(e.getKey()))) {
          // the same number must also be the same text (Go's float format: 3.668918509e+09, 1e-05)
          differences.add(where + e.getKey() + " written as " + npWritten.get(e.getKey()) + ", blackbox writes "
              + bbWritten.get(e.getKey()));
        }
      }
    }
    System.out.println("BlackboxParityIT: " + cases().size() + " cases, " + series + " blackbox series compared, "
        + differences.size() + " differences, " + documented + " documented ones skipped");
    assertThat(differences).isEmpty();
  }
}
