package io.netprobe.exporter.it;

import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.io.IOException;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * The loopback lab the exporter tests share: nginx (200, 301, 503, a vhost, TLS with a self-signed certificate), NSD
 * with a small zone, a refused port, and blackbox_exporter started on a free port. Not thread-safe.
 */
final class Lab implements AutoCloseable {
  static final Path NGINX = Path.of("/usr/sbin/nginx");
  static final Path NSD = Path.of("/usr/sbin/nsd");
  static final Path OPENSSL = Path.of("/usr/bin/openssl");
  static final Path BLACKBOX = Path.of("/usr/bin/prometheus-blackbox-exporter");
  static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  static final Path REDIS = Path.of("/usr/bin/redis-server");

  final Path dir;
  final int http = FreePorts.tcp();
  final int https = FreePorts.tcp();
  /** nginx over TLS 1.2 only. */
  final int https12 = FreePorts.tcp();
  final int dns = FreePorts.tcpAndUdp();
  final int refused = FreePorts.tcp();
  int redis;
  int smtp;
  int grpc;
  int grpcTls;
  /** gRPC over TLS 1.2 only. */
  int grpcTls12;
  private final List<AutoCloseable> running = new ArrayList<>();

  Lab(Path dir) {
    this.dir = dir;
  }

  static void assume(String test, boolean condition, String reason) {
    if (!condition) {
      System.out.println(test + " skipped: " + reason);
    }
    Assumptions.assumeTrue(condition, reason);
  }

  Lab nginx() throws Exception {
    run(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(), "-days", "30",
        "-subj", "/CN=localhost/O=netprobe test", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
    // a second virtual server on the TLS port, chosen by SNI
    run(OPENSSL.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", dir.resolve("sni-key.pem").toString(), "-out", dir.resolve("sni.pem").toString(), "-days", "30",
        "-subj", "/CN=sni.test/O=netprobe test", "-addext", "subjectAltName=DNS:sni.test");
    Path html = Files.createDirectories(dir.resolve("html"));
    Files.writeString(html.resolve("index.html"), "<!doctype html><title>lab</title><p>exporter lab</p>\n");
    Files.createDirectories(html.resolve("gz"));
    Files.writeString(html.resolve("gz/index.html"), "<!doctype html><title>gz</title><p>compressed lab</p>\n"
        .repeat(20));
    Files.createDirectories(html.resolve("private"));
    Files.writeString(html.resolve("private/index.html"), "members only\n");
    ProcessBuilder hash = new ProcessBuilder(OPENSSL.toString(), "passwd", "-apr1", "s3cret");
    Process p = hash.start();
    String crypted = new String(p.getInputStream().readAllBytes()).strip();
    p.waitFor();
    Files.writeString(dir.resolve("htpasswd"), "alice:" + crypted + "\n");
    Files.writeString(dir.resolve("nginx.conf"), """
        daemon off;
        master_process off;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 256; }
        http {
          access_log off;
          client_body_temp_path %1$s/tmp-body;
          proxy_temp_path %1$s/tmp-proxy;
          fastcgi_temp_path %1$s/tmp-fastcgi;
          uwsgi_temp_path %1$s/tmp-uwsgi;
          scgi_temp_path %1$s/tmp-scgi;
          server {
            listen 127.0.0.1:%2$d;
            listen 127.0.0.1:%3$d ssl http2;
            ssl_protocols TLSv1.2 TLSv1.3;
            ssl_certificate %1$s/cert.pem;
            ssl_certificate_key %1$s/key.pem;
            root %1$s/html;
            location = /old { return 301 /index.html; }
            location = /token { default_type application/json;
              return 200 '{"access_token":"tok-123","token_type":"bearer","expires_in":3600}'; }
            location = /oauth { if ($http_authorization != "Bearer tok-123") { return 401; } return 204; }
            location = /down { return 503; }
            location /gz/ { gzip on; gzip_min_length 1; }
            location /private { auth_basic "lab"; auth_basic_user_file %1$s/htpasswd; }
          }
          server {
            listen 127.0.0.1:%2$d;
            server_name vhost.test;
            location = /vhost { return 204; }
          }
          server {
            listen 127.0.0.1:%3$d ssl http2;
            server_name sni.test;
            ssl_certificate %1$s/sni.pem;
            ssl_certificate_key %1$s/sni-key.pem;
            location / { return 204; }
          }
          server {
            listen 127.0.0.1:%4$d ssl;
            server_name tls12.test;
            ssl_protocols TLSv1.2;
            ssl_certificate %1$s/cert.pem;
            ssl_certificate_key %1$s/key.pem;
            location / { return 204; }
          }
        }
        """.formatted(dir, http, https, https12));
    running.add(LoopbackDaemon.start(List.of(NGINX.toString(), "-p", dir.toString(), "-c",
        dir.resolve("nginx.conf").toString()), dir.resolve("nginx.out"), http, https, https12));
    return this;
  }

  Lab nsd() throws Exception {
    Files.writeString(dir.resolve("example.test.zone"), """
        $ORIGIN example.test.
        $TTL 300
        @    IN SOA ns1.example.test. hostmaster.example.test. 2026112401 7200 3600 1209600 300
        @    IN NS  ns1.example.test.
        ns1  IN A   127.0.0.1
        www  IN A   192.0.2.80
        www  IN AAAA 2001:db8::80
        """);
    Files.writeString(dir.resolve("nsd.conf"), """
        server:
            ip-address: 127.0.0.1@%2$d
            port: %2$d
            username: ""
            chroot: ""
            zonesdir: "%1$s"
            database: ""
            zonelistfile: "%1$s/zone.list"
            pidfile: "%1$s/nsd.pid"
            xfrdfile: "%1$s/xfrd.state"
            xfrdir: "%1$s"
            logfile: "%1$s/nsd.log"
            server-count: 1
            rrl-ratelimit: 0
            rrl-whitelist-ratelimit: 0
        remote-control:
            control-enable: no
        zone:
            name: example.test
            zonefile: example.test.zone
        """.formatted(dir, dns));
    running.add(LoopbackDaemon.start(List.of(NSD.toString(), "-d", "-c", dir.resolve("nsd.conf").toString()),
        dir.resolve("nsd.out"), dns));
    return this;
  }

  /**
   * Starts an SMTP-like line server in this JVM (call after {@link #nginx()}, whose certificate it uses): greets
   * {@code 220 lab}, answers {@code STARTTLS} with {@code 220 go} and upgrades to TLS, {@code QUIT} with
   * {@code 221 bye}; anything else with {@code 500}.
   */
  Lab starttls() throws Exception {
    run(OPENSSL.toString(), "pkcs12", "-export", "-in", dir.resolve("cert.pem").toString(), "-inkey",
        dir.resolve("key.pem").toString(), "-out", dir.resolve("lab.p12").toString(), "-passout", "pass:lab");
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(dir.resolve("lab.p12"))) {
      ks.load(in, "lab".toCharArray());
    }
    javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
        javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "lab".toCharArray());
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    smtp = server.getLocalPort();
    Thread accept = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          java.net.Socket s = server.accept();
          Thread t = new Thread(() -> converse(s, tls), "lab-smtp-conversation");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }, "lab-smtp");
    accept.setDaemon(true);
    accept.start();
    running.add(server);
    return this;
  }

  private static void converse(java.net.Socket plain, javax.net.ssl.SSLContext tls) {
    java.net.Socket s = plain;
    try (plain) {
      plain.setSoTimeout(5000);
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII));
      var out = s.getOutputStream();
      out.write("220 lab\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      out.flush();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String reply = switch (line.trim()) {
          case "STARTTLS" -> "220 go";
          case "QUIT" -> "221 bye";
          default -> "500 what";
        };
        out.write((reply + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.flush();
        if (reply.startsWith("221")) {
          return;
        }
        if (reply.equals("220 go")) {
          javax.net.ssl.SSLSocket t = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(s,
              "127.0.0.1", s.getPort(), true);
          t.setUseClientMode(false);
          t.startHandshake();
          s = t;
          in = new java.io.BufferedReader(new java.io.InputStreamReader(t.getInputStream(),
              java.nio.charset.StandardCharsets.US_ASCII));
          out = t.getOutputStream();
        }
      }
    } catch (IOException e) {
      // the prober hung up or the handshake failed: the probe says so
    }
  }

  /** Starts redis-server on a free loopback port, without persistence. */
  Lab redis() throws Exception {
    redis = FreePorts.tcp();
    running.add(LoopbackDaemon.start(List.of(REDIS.toString(), "--port", String.valueOf(redis), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString()), dir.resolve("redis.out"), redis));
    return this;
  }

  /**
   * Starts a grpc-java server in this JVM with a HealthStatusManager: the server and service {@code "lab"} SERVING,
   * {@code "resting"} NOT_SERVING; and the same over TLS with nginx's certificate (call after {@link #nginx()}).
   */
  Lab grpc() throws Exception {
    io.grpc.protobuf.services.HealthStatusManager health = new io.grpc.protobuf.services.HealthStatusManager();
    health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    health.setStatus("lab", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    health.setStatus("resting", io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
    io.grpc.Server server = io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forAddress(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
        .addService(health.getHealthService()).build().start();
    grpc = server.getPort();
    running.add(() -> server.shutdownNow().awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS));
    // over TLS with nginx's certificate (call after nginx())
    io.grpc.Server secure = io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forAddress(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0),
        io.grpc.TlsServerCredentials.create(dir.resolve("cert.pem").toFile(), dir.resolve("key.pem").toFile()))
        .addService(health.getHealthService()).build().start();
    grpcTls = secure.getPort();
    running.add(() -> secure.shutdownNow().awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS));
    io.grpc.Server secure12 = io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.forAddress(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
        .sslContext(io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts.forServer(dir.resolve("cert.pem").toFile(),
            dir.resolve("key.pem").toFile()).protocols("TLSv1.2").build())
        .addService(health.getHealthService()).build().start();
    grpcTls12 = secure12.getPort();
    running.add(() -> secure12.shutdownNow().awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS));
    return this;
  }

  /** Starts blackbox_exporter on a free port with {@code config}; returns its base URI. */
  URI blackbox(Path config) throws Exception {
    int port = FreePorts.tcp();
    running.add(LoopbackDaemon.start(List.of(BLACKBOX.toString(), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:" + port), dir.resolve("blackbox-" + port + ".out"), port));
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** Starts Prometheus on a free port with {@code scrapeConfigs} (YAML list items); returns its base URI. */
  URI prometheus(String scrapeConfigs) throws Exception {
    int port = FreePorts.tcp();
    Path config = Files.writeString(dir.resolve("prometheus-" + port + ".yml"), """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
        """ + scrapeConfigs);
    running.add(LoopbackDaemon.start(List.of(PROMETHEUS.toString(), "--config.file=" + config,
        "--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb-" + port)),
        "--web.listen-address=127.0.0.1:" + port), dir.resolve("prometheus-" + port + ".out"), port));
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /**
   * Asks Prometheus's HTTP API for {@code query} until {@code until} holds for the JSON answer (or 20 s pass);
   * returns the last answer.
   */
  static String query(URI prometheus, String query, java.util.function.Predicate<String> until) throws Exception {
    String body = "";
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      body = get(prometheus.resolve("api/v1/query?query=" + java.net.URLEncoder.encode(query,
          java.nio.charset.StandardCharsets.UTF_8)));
      if (until.test(body)) {
        return body;
      }
      Thread.sleep(250);
    }
    return body;
  }

  void add(AutoCloseable c) {
    running.add(c);
  }

  static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  static String get(URI uri) throws IOException {
    return request("GET", uri).body();
  }

  /** An HTTP answer: status and body. */
  record Answer(int status, String body) {}

  static Answer request(String method, URI uri, String... headers) throws IOException {
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setRequestMethod(method);
    c.setConnectTimeout(2000);
    c.setReadTimeout((int) Duration.ofSeconds(20).toMillis());
    for (int i = 0; i + 1 < headers.length; i += 2) {
      c.setRequestProperty(headers[i], headers[i + 1]);
    }
    try {
      int status = c.getResponseCode();
      var in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      return new Answer(status, in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      c.disconnect();
    }
  }

  /** The series of a text exposition: {@code name{labels}} → value. */
  static Map<String, Double> series(String text) {
    Map<String, Double> out = new TreeMap<>();
    written(text).forEach((series, value) -> out.put(series, Double.parseDouble(value)));
    return out;
  }

  /** Each series of a metric text and its value as written there ({@code 3.668918509e+09}, say). */
  static Map<String, String> written(String text) {
    Map<String, String> out = new TreeMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), line.substring(space + 1));
    }
    return out;
  }

  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        // keep stopping the others
      }
    }
  }
}
