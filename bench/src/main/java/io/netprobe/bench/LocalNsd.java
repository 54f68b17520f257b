package io.netprobe.bench;

import io.netprobe.testing.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

/** NSD in the foreground on a free loopback port, serving one zone, rate limiting off. Not thread-safe. */
final class LocalNsd implements AutoCloseable {
  private final Process process;
  private final Path dir;
  final int port;

  /** The nsd process (with its children: it forks its server). */
  ProcessHandle handle() {
    return process.toHandle();
  }

  private LocalNsd(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  static LocalNsd start(String zone, String zoneText) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("netprobe-bench-nsd");
    int port = FreePorts.tcpAndUdp();
    String conf = String.join("\n",
        "server:",
        "  ip-address: 127.0.0.1@" + port,
        "  port: " + port,
        "  username: \"\"",
        "  chroot: \"\"",
        "  zonesdir: \"" + dir + "\"",
        "  database: \"\"",
        "  zonelistfile: \"" + dir + "/zone.list\"",
        "  pidfile: \"" + dir + "/nsd.pid\"",
        "  xfrdfile: \"" + dir + "/xfrd.state\"",
        "  xfrdir: \"" + dir + "\"",
        "  logfile: \"" + dir + "/nsd.log\"",
        "  server-count: 1",
        "  rrl-ratelimit: 0",
        "  rrl-whitelist-ratelimit: 0",
        "remote-control:",
        "  control-enable: no",
        "zone:",
        "  name: \"" + zone + "\"",
        "  zonefile: \"zone.zone\"", "");
    Files.writeString(dir.resolve("zone.zone"), zoneText);
    Files.writeString(dir.resolve("nsd.conf"), conf);
    Process p = new ProcessBuilder("/usr/sbin/nsd", "-d", "-c", dir.resolve("nsd.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    LocalNsd nsd = new LocalNsd(p, dir, port);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      Process dig = new ProcessBuilder("dig", "@127.0.0.1", "-p", String.valueOf(port), zone, "SOA", "+short",
          "+tries=1", "+time=1").redirectErrorStream(true).start();
      String out = new String(dig.getInputStream().readAllBytes()).strip();
      dig.waitFor();
      if (!out.isEmpty() && !out.startsWith(";")) {
        return nsd;
      }
      Thread.sleep(50);
    }
    nsd.close();
    throw new IOException("nsd did not start");
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
