package io.netprobe.exporter.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.netprobe.Probes;
import io.netprobe.exporter.Exporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oauth2}'s own {@code tls_config} and proxy options for the token request, through {@code /probe}, against
 * servers of this test on loopback: an HTTPS token endpoint for {@code token.test} that requires a client certificate
 * (TLS 1.3 only), one whose certificate is untrusted, and a CONNECT proxy that records each request head and tunnels
 * to the token endpoint or answers plain-HTTP token requests itself. No secret reaches {@code /config} or the debug
 * page.
 */
class OAuth2TokenOptionsTest {
  @TempDir
  static Path dir;
  static HttpServer site;
  static HttpsServer mutualTokens;
  static HttpsServer untrustedTokens;
  static ConnectProxy proxy;
  static Exporter exporter;
  static final List<String> tokenRequests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("token root").build();
    HeldCertificate server = new HeldCertificate.Builder().commonName("token.test").addSubjectAlternativeName(
        "token.test").signedBy(root).build();
    HeldCertificate client = new HeldCertificate.Builder().commonName("probe").signedBy(root).build();
    HeldCertificate stranger = new HeldCertificate.Builder().commonName("token.test").addSubjectAlternativeName(
        "token.test").build();
    Path ca = Files.writeString(dir.resolve("ca.pem"), root.certificatePem());
    Path cert = Files.writeString(dir.resolve("client.pem"), client.certificatePem());
    Path key = Files.writeString(dir.resolve("client.key"), client.privateKeyPkcs8Pem());
    site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    site.createContext("/api", x -> answer(x, "Bearer tok-2".equals(x.getRequestHeaders().getFirst(
        "Authorization")) ? 200 : 401, "site"));
    site.createContext("/token", OAuth2TokenOptionsTest::token);
    site.start();
    mutualTokens = https(new HandshakeCertificates.Builder().heldCertificate(server)
        .addTrustedCertificate(root.certificate()).build().sslContext(), true);
    untrustedTokens = https(new HandshakeCertificates.Builder().heldCertificate(stranger).build().sslContext(),
        false);
    proxy = new ConnectProxy();
    String mutual = "https://127.0.0.1:" + mutualTokens.getAddress().getPort() + "/token";
    String plain = "http://127.0.0.1:" + site.getAddress().getPort() + "/token";
    Path config = Files.writeString(dir.resolve("blackbox.yml"), """
        modules:
          mtls:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c1
                client_secret: oauth-secret-21
                token_url: "%1$s"
                tls_config: {ca_file: "%3$s", server_name: token.test, cert_file: "%4$s", key_file: "%5$s",
                  min_version: TLS13, max_version: TLS13}
          mtls_inline:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c2
                client_secret: oauth-secret-21
                token_url: "%1$s"
                tls_config:
                  ca_file: "%3$s"
                  server_name: token.test
                  cert: |
        %8$s
                  key: |
        %9$s
          mtls_without_cert:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c3
                client_secret: oauth-secret-21
                token_url: "%1$s"
                tls_config: {ca_file: "%3$s", server_name: token.test}
          mtls_max12:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c4
                client_secret: oauth-secret-21
                token_url: "%1$s"
                tls_config: {ca_file: "%3$s", server_name: token.test, cert_file: "%4$s", key_file: "%5$s",
                  max_version: TLS12}
          untrusted:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c5
                client_secret: oauth-secret-21
                token_url: "%2$s"
          insecure:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c6
                client_secret: oauth-secret-21
                token_url: "%2$s"
                tls_config: {insecure_skip_verify: true}
          proxied_with_credentials:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c7
                client_secret: oauth-secret-21
                token_url: "%6$s"
                proxy_url: "http://probe:proxy-pw-9@127.0.0.1:%7$d"
          tunnelled:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c8
                client_secret: oauth-secret-21
                token_url: "%1$s"
                tls_config: {ca_file: "%3$s", server_name: token.test, cert_file: "%4$s", key_file: "%5$s"}
                proxy_url: "http://probe:proxy-pw-9@127.0.0.1:%7$d"
                proxy_connect_header:
                  X-Tunnel-Token: [connect-secret-3]
          no_proxy_loopback:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c9
                client_secret: oauth-secret-21
                token_url: "%6$s"
                proxy_url: "http://127.0.0.1:%7$d"
                no_proxy: "10.0.0.0/8"
          from_environment:
            prober: http
            timeout: 5s
            http:
              oauth2:
                client_id: c10
                client_secret: oauth-secret-21
                token_url: "%6$s"
                proxy_from_environment: true
        """.formatted(mutual, "https://127.0.0.1:" + untrustedTokens.getAddress().getPort() + "/token", ca, cert,
        key, plain, proxy.port(), client.certificatePem().indent(12).stripTrailing(),
        client.privateKeyPkcs8Pem().indent(12).stripTrailing()));
    exporter = Exporter.start(Probes.defaultClient(), "--config.file=" + config, "--web.listen-address=127.0.0.1:0",
        "--log.level=error");
  }

  private static HttpsServer https(SSLContext context, boolean needClientAuth) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    s.setHttpsConfigurator(new HttpsConfigurator(context) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setNeedClientAuth(needClientAuth);
        if (needClientAuth) {
          p.setProtocols(new String[] {"TLSv1.3"});
        }
        params.setSSLParameters(p);
      }
    });
    s.createContext("/token", OAuth2TokenOptionsTest::token);
    s.start();
    return s;
  }

  private static void token(HttpExchange x) throws IOException {
    x.getRequestBody().readAllBytes();
    tokenRequests.add(x.getLocalAddress().getPort() + " " + x.getRequestMethod() + " " + x.getRequestURI());
    x.getResponseHeaders().add("Content-Type", "application/json");
    answer(x, 200, "{\"access_token\":\"tok-2\",\"token_type\":\"bearer\",\"expires_in\":3600}");
  }

  private static void answer(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
    x.close();
  }

  @AfterAll
  static void stop() throws IOException {
    if (exporter != null) {
      exporter.close();
    }
    site.stop(0);
    mutualTokens.stop(0);
    untrustedTokens.stop(0);
    proxy.close();
  }

  private static String api() {
    return "http://127.0.0.1:" + site.getAddress().getPort() + "/api";
  }

  private static String pages(String module) throws Exception {
    return NetprobeProbersTest.debug(module, api(), exporter)
        + ExporterServerTest.call("GET", exporter.uri().resolve("/config")).body();
  }

  @Test
  void aTokenEndpointThatRequiresAClientCertificateGetsTheConfiguredOne() throws Exception {
    assertThat(NetprobeProbersTest.probe("mtls", api(), exporter)).contains("probe_success 1\n",
        "probe_http_status_code 200\n").doesNotContain("UNSUPPORTED_OPTION");
    assertThat(NetprobeProbersTest.probe("mtls_inline", api(), exporter)).contains("probe_success 1\n");
    assertThat(NetprobeProbersTest.probe("mtls_without_cert", api(), exporter)).contains("probe_success 0\n",
        "probe_failure_info{kind=\"OAUTH2_TOKEN\"} 1\n");
    // the endpoint speaks TLS 1.3 only
    assertThat(NetprobeProbersTest.probe("mtls_max12", api(), exporter)).contains("probe_success 0\n",
        "probe_failure_info{kind=\"OAUTH2_TOKEN\"} 1\n");
    String key = Files.readString(dir.resolve("client.key")).lines().filter(l -> !l.startsWith("-----"))
        .findFirst().orElseThrow();
    assertThat(pages("mtls_inline")).doesNotContain(key, "oauth-secret-21", "tok-2");
  }

  @Test
  void insecureSkipVerifyAcceptsAnUntrustedTokenEndpoint() throws Exception {
    assertThat(NetprobeProbersTest.probe("untrusted", api(), exporter)).contains("probe_success 0\n",
        "probe_failure_info{kind=\"OAUTH2_TOKEN\"} 1\n");
    assertThat(NetprobeProbersTest.debug("untrusted", api(), exporter)).contains("oauth2: cannot fetch token from")
        .doesNotContain("oauth-secret-21");
    assertThat(NetprobeProbersTest.probe("insecure", api(), exporter)).contains("probe_success 1\n");
  }

  @Test
  void theTokenRequestGoesThroughTheProxyWithItsCredentialsAndConnectHeaders() throws Exception {
    proxy.heads.clear();
    String basic = "Proxy-Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(
        "probe:proxy-pw-9".getBytes(StandardCharsets.UTF_8));
    assertThat(NetprobeProbersTest.probe("proxied_with_credentials", api(), exporter)).contains("probe_success 1\n");
    assertThat(proxy.heads).singleElement().satisfies(h -> assertThat(h)
        .startsWith("POST http://127.0.0.1:" + site.getAddress().getPort() + "/token ").contains(basic));
    proxy.heads.clear();
    assertThat(NetprobeProbersTest.probe("tunnelled", api(), exporter)).contains("probe_success 1\n");
    assertThat(proxy.heads).singleElement().satisfies(h -> assertThat(h)
        .startsWith("CONNECT 127.0.0.1:" + mutualTokens.getAddress().getPort() + " ")
        .contains(basic, "X-Tunnel-Token: connect-secret-3"));
    assertThat(pages("tunnelled")).doesNotContain("proxy-pw-9", "connect-secret-3", "oauth-secret-21");
  }

  @Test
  void noProxyAndTheEnvironmentSendALoopbackTokenEndpointDirectAsGo() throws Exception {
    proxy.heads.clear();
    tokenRequests.clear();
    assertThat(NetprobeProbersTest.probe("no_proxy_loopback", api(), exporter)).contains("probe_success 1\n");
    assertThat(NetprobeProbersTest.probe("from_environment", api(), exporter)).contains("probe_success 1\n");
    assertThat(proxy.heads).isEmpty();
    assertThat(tokenRequests).hasSize(2).allSatisfy(r -> assertThat(r)
        .startsWith(site.getAddress().getPort() + " POST /token"));
  }

  /**
   * An HTTP proxy: records each request head; CONNECT tunnels to the named loopback port, a plain request is
   * answered with a token.
   */
  static final class ConnectProxy implements AutoCloseable {
    final List<String> heads = new CopyOnWriteArrayList<>();
    private final ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());

    ConnectProxy() throws IOException {
      Thread t = new Thread(this::accept, "connect-proxy");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          Thread t = new Thread(() -> serve(s), "connect-proxy-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s) {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            return;
          }
          head.append((char) b);
        }
        heads.add(head.toString());
        OutputStream out = s.getOutputStream();
        if (head.toString().startsWith("CONNECT ")) {
          int port = Integer.parseInt(head.toString().split(" ")[1].split(":")[1]);
          try (Socket target = new Socket(InetAddress.getLoopbackAddress(), port)) {
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread back = new Thread(() -> pipe(target, s));
            back.setDaemon(true);
            back.start();
            pipe(s, target);
          }
        } else {
          String length = head.toString().lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
              .map(l -> l.substring(15).trim()).findFirst().orElse("0");
          in.readNBytes(Integer.parseInt(length));
          byte[] body = "{\"access_token\":\"tok-2\",\"token_type\":\"bearer\"}".getBytes(StandardCharsets.UTF_8);
          out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        }
      } catch (IOException | RuntimeException ended) {
        // the client or the target left
      }
    }

    private static void pipe(Socket from, Socket to) {
      try {
        from.getInputStream().transferTo(to.getOutputStream());
        to.shutdownOutput();
      } catch (IOException ended) {
        // one side closed
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
