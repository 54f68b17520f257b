package io.netprobe.http.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;

/**
 * A real nginx (Debian nginx-light) run in the foreground by a test: its own prefix, logs and temp directories under
 * {@code target/}, plain HTTP and HTTPS with HTTP/2 on free loopback ports, a certificate for {@code example.test}
 * signed by {@link TestPki#ROOT}. Closing it stops nginx. Not thread-safe.
 */
final class NginxServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Path dir;
  private final Process process;
  final int httpPort;
  final int httpsPort;
  final Path caPem;

  private NginxServer(Path dir, Process process, int httpPort, int httpsPort, Path caPem) {
    this.dir = dir;
    this.process = process;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
    this.caPem = caPem;
  }

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Starts nginx with {@code locations} (nginx {@code location} blocks) in a server for example.test. */
  static NginxServer start(String locations) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "nginx-");
    dir = dir.toAbsolutePath();
    Files.createDirectories(dir.resolve("tmp"));
    HeldCertificate leaf = TestPki.leaf("example.test", "www.example.test");
    Files.writeString(dir.resolve("cert.pem"), leaf.certificatePem() + TestPki.ROOT.certificatePem());
    Files.writeString(dir.resolve("key.pem"), leaf.privateKeyPkcs8Pem());
    Path ca = Files.writeString(dir.resolve("ca.pem"), TestPki.ROOT.certificatePem());
    int http = freePort();
    int https = freePort();
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
        "    ssl_certificate " + dir.resolve("cert.pem") + ";",
        "    ssl_certificate_key " + dir.resolve("key.pem") + ";",
        locations,
        "  }",
        "}",
        "");
    Path confFile = Files.writeString(dir.resolve("nginx.conf"), conf, StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", confFile.toString(),
        "-e", dir.resolve("error.log").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    NginxServer server = new NginxServer(dir, p, http, https, ca);
    try {
      server.awaitListening();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  String log() throws IOException {
    Path log = dir.resolve("error.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private void awaitListening() throws IOException, InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IOException("nginx exited with " + process.exitValue() + ": " + log());
      }
      if (accepts(httpPort) && accepts(httpsPort)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IOException("nginx did not listen within 10 s: " + log());
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
