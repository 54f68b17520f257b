package io.netprobe.dns.internal;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real NSD authoritative server run in the foreground by a test: zones written to a temporary directory, a free
 * port on a loopback address, rate limiting off, stopped and its directory removed by {@link #close()}.
 */
final class Nsd implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nsd");

  private final Process process;
  private final Path dir;
  private final InetSocketAddress address;

  private Nsd(Process process, Path dir, InetSocketAddress address) {
    this.process = process;
    this.dir = dir;
    this.address = address;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  /** Starts NSD on {@code ip} serving {@code zones} (origin → zone file text) and waits until it answers. */
  static Nsd start(String ip, Map<String, String> zones) throws IOException, InterruptedException {
    return start(ip, freePort(InetAddress.getByName(ip)), zones);
  }

  /** Starts NSD on {@code ip} and {@code port}. */
  static Nsd start(String ip, int port, Map<String, String> zones) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("netprobe-nsd");
    StringBuilder conf = new StringBuilder()
        .append("server:\n")
        .append("  ip-address: ").append(ip).append('@').append(port).append('\n')
        .append("  port: ").append(port).append('\n')
        .append("  username: \"\"\n  chroot: \"\"\n")
        .append("  zonesdir: \"").append(dir).append("\"\n")
        .append("  database: \"\"\n")
        .append("  zonelistfile: \"").append(dir).append("/zone.list\"\n")
        .append("  pidfile: \"").append(dir).append("/nsd.pid\"\n")
        .append("  xfrdfile: \"").append(dir).append("/xfrd.state\"\n")
        .append("  xfrdir: \"").append(dir).append("\"\n")
        .append("  logfile: \"").append(dir).append("/nsd.log\"\n")
        .append("  server-count: 1\n")
        .append("  nsid: \"ascii_netprobe-test\"\n")
        .append("  rrl-ratelimit: 0\n  rrl-whitelist-ratelimit: 0\n")
        .append("  verbosity: 0\n")
        .append("remote-control:\n  control-enable: no\n");
    Map<String, String> files = new LinkedHashMap<>();
    int n = 0;
    for (Map.Entry<String, String> z : zones.entrySet()) {
      String file = "zone" + (n++) + ".zone";
      files.put(z.getKey(), file);
      Files.writeString(dir.resolve(file), z.getValue(), StandardCharsets.UTF_8);
      conf.append("zone:\n  name: \"").append(z.getKey()).append("\"\n  zonefile: \"").append(file).append("\"\n");
    }
    Files.writeString(dir.resolve("nsd.conf"), conf.toString(), StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(BINARY.toString(), "-d", "-c", dir.resolve("nsd.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    Nsd nsd = new Nsd(p, dir, new InetSocketAddress(InetAddress.getByName(ip), port));
    nsd.awaitReady(zones.keySet().iterator().next());
    return nsd;
  }

  InetSocketAddress address() {
    return address;
  }

  String ip() {
    return address.getAddress().getHostAddress();
  }

  int port() {
    return address.getPort();
  }

  private void awaitReady(String zone) throws IOException, InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IOException("nsd exited with " + process.exitValue() + ": " + log());
      }
      if (answersSoa(zone)) {
        return;
      }
      Thread.sleep(20);
    }
    close();
    throw new IOException("nsd did not answer within 10 s: " + log());
  }

  private boolean answersSoa(String zone) {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(50);
      org.xbill.DNS.Message q = org.xbill.DNS.Message.newQuery(org.xbill.DNS.Record.newRecord(
          org.xbill.DNS.Name.fromString(zone.endsWith(".") ? zone : zone + "."), org.xbill.DNS.Type.SOA,
          org.xbill.DNS.DClass.IN));
      byte[] wire = q.toWire();
      s.send(new java.net.DatagramPacket(wire, wire.length, address));
      java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[4096], 4096);
      s.receive(in);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String log() {
    List<String> out = new ArrayList<>();
    for (String f : List.of("stdout.log", "nsd.log")) {
      try {
        out.add(Files.readString(dir.resolve(f)));
      } catch (IOException ignored) {
        // not written yet
      }
    }
    return String.join("\n", out);
  }

  /** A port free for UDP and TCP on every one of {@code ips} a moment ago. */
  @SuppressWarnings("try") // the sockets are only held open, to see that the port is free
  static int freePortOnAll(String... ips) throws IOException {
    for (int i = 0; i < 50; i++) {
      int port = freePort(InetAddress.getByName(ips[0]));
      boolean ok = true;
      for (String ip : ips) {
        try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getByName(ip));
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), port))) {
          // free here too
        } catch (IOException taken) {
          ok = false;
        }
      }
      if (ok) {
        return port;
      }
    }
    throw new IOException("no port free on all of " + String.join(", ", ips));
  }

  /** A port free for both UDP and TCP on {@code ip} a moment ago. */
  @SuppressWarnings("try") // the UDP socket is only held open, to see that the port is free for it too
  static int freePort(InetAddress ip) throws IOException {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket tcp = new ServerSocket(0, 1, ip)) {
        int port = tcp.getLocalPort();
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(ip, port))) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no free port on " + ip);
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }
}
