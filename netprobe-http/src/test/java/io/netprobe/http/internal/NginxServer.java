package io.netprobe.http.internal;

import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import okhttp3.tls.HeldCertificate;

/**
 * A real nginx (Debian nginx-light) run in the foreground by a test: its own prefix, logs and temp directories under
 * {@code target/}, plain HTTP and HTTPS with HTTP/2 on free loopback ports, a certificate for {@code example.test}
 * signed by {@link TestPki#ROOT}. Closing it stops nginx. Not thread-safe.
 */
final class NginxServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Path dir;
  private final LoopbackDaemon daemon;
  final int httpPort;
  final int httpsPort;
  final Path caPem;

  private NginxServer(Path dir, LoopbackDaemon daemon, int httpPort, int httpsPort, Path caPem) {
    this.dir = dir;
    this.daemon = daemon;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.caPem = caPem;
  }

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts nginx with {@code locations} (nginx {@code location} blocks) in a server for example.test. */
  static NginxServer start(String locations) throws IOException, InterruptedException {
    return start(locations, "");
  }

  /**
   * Starts nginx with {@code locations} in the example.test server and {@code moreServers} (whole {@code server}
   * blocks; {@code ${HTTPS}} stands for the example.test HTTPS port) after it; {@code morePorts} are the ports those
   * listen on, waited for before returning.
   */
  static NginxServer start(String locations, String moreServers, int... morePorts)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "nginx-");
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir.resolve("tmp"));
    HeldCertificate leaf = TestPki.leaf("example.test", "www.example.test");
    Files.writeString(dir.resolve("cert.pem"), leaf.certificatePem() + TestPki.ROOT.certificatePem());
    Files.writeString(dir.resolve("key.pem"), leaf.privateKeyPkcs8Pem());
    Path ca = Files.writeString(dir.resolve("ca.pem"), TestPki.ROOT.certificatePem());
    int http = FreePorts.tcp();
    int https = FreePorts.tcp();
    String conf = String.join("\n",
        "daemon off;",
        "master_process off;",
        "worker_processes 1;",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 1024; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + dir.resolve("tmp/body") + ";",
        "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";",
        "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";",
        "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";",
        "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
        "  server {",
        "    listen 127.0.0.1:" + http + ";",
        "    listen 127.0.0.1:" + https + " ssl http2;",
        "    server_name example.test;",
        "    ssl_protocols TLSv1.2 TLSv1.3;", // Mozilla's "intermediate" set; nginx 1.22 alone offers 1.0-1.2
        "    ssl_certificate " + dir.resolve("cert.pem") + ";",
        "    ssl_certificate_key " + dir.resolve("key.pem") + ";",
        locations,
        "  }",
        moreServers.replace("${HTTPS}", Integer.toString(https)),
        "}",
        "");
    Path confFile = Files.writeString(dir.resolve("nginx.conf"), conf, StandardCharsets.UTF_8);
    LoopbackDaemon daemon;
    try {
      daemon = LoopbackDaemon.start(List.of(BINARY.toString(), "-p", dir.toString(), "-c", confFile.toString(), "-e",
          dir.resolve("error.log").toString()), dir.resolve("stdout.log"), ports(http, https, morePorts));
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "; error.log: " + errorLog(dir), e);
    }
    return new NginxServer(dir, daemon, http, https, ca);
  }

  private static int[] ports(int http, int https, int[] more) {
    int[] all = new int[more.length + 2];
    all[0] = http;
    all[1] = https;
    System.arraycopy(more, 0, all, 2, more.length);
    return all;
  }

  String log() throws IOException {
    return errorLog(dir);
  }

  private static String errorLog(Path dir) throws IOException {
    Path log = dir.resolve("error.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() {
    daemon.close();
  }
}
