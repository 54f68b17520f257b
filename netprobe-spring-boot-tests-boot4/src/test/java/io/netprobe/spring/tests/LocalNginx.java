package io.netprobe.spring.tests;

import io.netprobe.testing.FreePorts;
import io.netprobe.testing.LoopbackDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real nginx (Debian nginx-light) in the foreground on a free 127.0.0.1 port, serving the files of its
 * {@link #html()} directory: its own prefix, pid, logs and temp directories in a fresh directory under
 * {@code target/}. The minimum of netprobe-http's NginxServer (no TLS). Closing it stops nginx. Not thread-safe.
 */
final class LocalNginx implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Path dir;
  private final LoopbackDaemon daemon;
  private final int port;

  private LocalNginx(Path dir, LoopbackDaemon daemon, int port) {
    this.dir = dir;
    this.daemon = daemon;
    this.port = port;
  }

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  static LocalNginx start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "nginx-").toAbsolutePath();
    Files.createDirectories(dir.resolve("html"));
    int port = FreePorts.tcp();
    Path conf = Files.writeString(dir.resolve("nginx.conf"), """
        daemon off;
        master_process off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/tmp-body;
          proxy_temp_path %1$s/tmp-proxy;
          fastcgi_temp_path %1$s/tmp-fastcgi;
          uwsgi_temp_path %1$s/tmp-uwsgi;
          scgi_temp_path %1$s/tmp-scgi;
          server {
            listen 127.0.0.1:%2$d;
            root %1$s/html;
          }
        }
        """.formatted(dir, port));
    LoopbackDaemon daemon = LoopbackDaemon.start(List.of(BINARY.toString(), "-p", dir.toString(), "-c",
        conf.toString(), "-e", dir.resolve("error.log").toString()), dir.resolve("stdout.log"), port);
    return new LocalNginx(dir, daemon, port);
  }

  /** The directory nginx serves: a file written here is served at once. */
  Path html() {
    return dir.resolve("html");
  }

  int port() {
    return port;
  }

  /** nginx's error log, for assertion messages. */
  String log() throws IOException {
    Path log = dir.resolve("error.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() {
    daemon.close();
  }
}
