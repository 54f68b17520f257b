package io.netprobe.dns.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * This JVM's own sockets to a given loopback port, found as the kernel lists them ({@code /proc/net/udp}, {@code tcp})
 * and kept only when their inode is one of this process's file descriptors; and this JVM's engine threads.
 */
final class OwnSockets {
  private OwnSockets() {}

  /** UDP sockets of this process whose remote end is 127.0.0.1:{@code port}. */
  static int udpTo(int port) throws IOException {
    return count(Path.of("/proc/net/udp"), port);
  }

  /**
   * TCP sockets of this process whose remote end is 127.0.0.1:{@code port}, in any state, IPv4 sockets and dual-stack
   * IPv6 ones (a {@link java.net.Socket} is one) alike.
   */
  static int tcpTo(int port) throws IOException {
    return count(Path.of("/proc/net/tcp"), port) + count(Path.of("/proc/net/tcp6"), port);
  }

  /**
   * Open sockets, pipes and selector descriptors of this process; regular files are left out, since class loading
   * opens jars for good.
   */
  static int fds() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      return (int) s.filter(fd -> {
        try {
          String t = Files.readSymbolicLink(fd).toString();
          return t.startsWith("socket:") || t.startsWith("pipe:") || t.startsWith("anon_inode:");
        } catch (IOException gone) {
          return false;
        }
      }).count();
    }
  }

  /** Live threads of a netprobe engine (named {@code netprobe-<role>-<n>}). */
  static long engineThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("netprobe-")).count();
  }

  private static int count(Path table, int port) throws IOException {
    String remote = String.format(Locale.ROOT, table.toString().endsWith("6")
        ? "0000000000000000FFFF00000100007F:%04X" : "0100007F:%04X", port);
    Set<String> mine = inodes();
    int n = 0;
    List<String> lines = Files.readAllLines(table);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f[2].equals(remote) && mine.contains(f[9])) {
        n++;
      }
    }
    return n;
  }

  private static Set<String> inodes() throws IOException {
    Set<String> out = new HashSet<>();
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      s.forEach(fd -> {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            out.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException gone) {
          // closed meanwhile
        }
      });
    }
    return out;
  }
}
