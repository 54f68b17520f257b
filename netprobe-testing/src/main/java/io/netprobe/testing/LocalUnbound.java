package io.netprobe.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * unbound in the foreground on free 127.0.0.1 ports serving a static {@code example.test} zone over plain DNS, DNS
 * over TLS and DNS over HTTPS (HTTP/2) with a self-signed certificate for {@code dns.test} and 127.0.0.1, logging
 * every query with its source address. A second, unrelated certificate serves as a wrong CA. Not thread-safe.
 * Used by netprobe-dns's and netprobe-cli's integration tests (unbound is in .ci/run's packages).
 */
public final class LocalUnbound implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/sbin/unbound");

  /** The port of this DNS transport on 127.0.0.1. */
  public final int plainPort;
  /** The port of this DNS transport on 127.0.0.1. */
  public final int tlsPort;
  /** The port of this DNS transport on 127.0.0.1. */
  public final int httpsPort;
  /** The server's certificate (PEM), a CA file that makes it trusted. */
  public final Path cert;
  /** An unrelated self-signed certificate: the wrong CA. */
  public final Path otherCert;
  private final Path dir;
  private final Path log;
  private final LoopbackDaemon daemon;

  private LocalUnbound(Path dir, int plainPort, int tlsPort, int httpsPort, LoopbackDaemon daemon) {
    this.dir = dir;
    this.plainPort = plainPort;
    this.tlsPort = tlsPort;
    this.httpsPort = httpsPort;
    this.cert = dir.resolve("cert.pem");
    this.otherCert = dir.resolve("other.pem");
    this.log = dir.resolve("unbound.log");
    this.daemon = daemon;
  }

  /** Whether unbound and openssl are installed. */
  public static boolean installed() {
    return Files.isExecutable(BINARY) && Files.isExecutable(Path.of("/usr/bin/openssl"));
  }

  /**
   * Starts unbound and waits until it listens.
   *
   * @throws IOException when it cannot start; the message has its output
   */
  public static LocalUnbound start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("netprobe-unbound");
    certificate(dir, "cert", "dns.test", "DNS:dns.test,IP:127.0.0.1");
    certificate(dir, "other", "other.test", "DNS:other.test");
    return LoopbackDaemon.onFreshPorts(() -> start(dir));
  }

  private static LocalUnbound start(Path dir) throws IOException, InterruptedException {
    // each interface line binds UDP and TCP, the TLS and HTTPS ones too
    int plain = FreePorts.tcpAndUdp();
    int tls = FreePorts.tcpAndUdp();
    int https = FreePorts.tcpAndUdp();
    String conf = String.join("\n",
        "server:",
        "  interface: 127.0.0.1@" + plain,
        "  interface: 127.0.0.1@" + tls,
        "  interface: 127.0.0.1@" + https,
        "  tls-port: " + tls,
        "  https-port: " + https,
        "  tls-service-key: \"" + dir.resolve("cert.key") + "\"",
        "  tls-service-pem: \"" + dir.resolve("cert.pem") + "\"",
        "  http-endpoint: \"/dns-query\"",
        "  do-daemonize: no",
        "  username: \"\"",
        "  chroot: \"\"",
        "  directory: \"" + dir + "\"",
        "  pidfile: \"\"",
        "  use-syslog: no",
        "  logfile: \"" + dir.resolve("unbound.log") + "\"",
        "  log-queries: yes",
        "  verbosity: 1",
        "  num-threads: 1",
        "  so-reuseport: no",
        "  access-control: 127.0.0.0/8 allow",
        "  module-config: \"iterator\"",
        "  local-zone: \"example.test.\" static",
        "  local-data: \"example.test. 300 IN SOA ns.example.test. h.example.test. 1 3600 600 86400 300\"",
        "  local-data: \"www.example.test. 300 IN A 192.0.2.80\"",
        "  local-data: \"www.example.test. 300 IN A 192.0.2.81\"",
        "  local-data: \"mail.example.test. 300 IN MX 10 mx.example.test.\"",
        "remote-control:",
        "  control-enable: no",
        "");
    Path file = dir.resolve("unbound.conf");
    Files.writeString(file, conf);
    LoopbackDaemon d = LoopbackDaemon.start(List.of(BINARY.toString(), "-d", "-c", file.toString()),
        dir.resolve("stdout.log"), plain, tls, https);
    return new LocalUnbound(dir, plain, tls, https, d);
  }

  private static void certificate(Path dir, String name, String cn, String san)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:P-256", "-nodes", "-keyout", dir.resolve(name + ".key").toString(), "-out",
        dir.resolve(name + ".pem").toString(), "-days", "30", "-subj", "/CN=" + cn, "-addext",
        "subjectAltName=" + san).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("openssl could not make a certificate: " + out);
    }
  }

  /** What unbound logged so far (one line per query: source address, name, type, class). */
  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws IOException {
    daemon.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
