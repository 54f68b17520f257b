package io.netprobe.sockets.internal.icmp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What this test process holds: its file descriptors, its ICMP sockets (raw and datagram, found by inode in
 * /proc/thread-self/net/{raw,raw6,icmp,icmp6}: the calling thread's namespace) and its reactor threads. Stateless.
 */
final class OwnSockets {
  private OwnSockets() {}

  /** What each open file descriptor points at (for messages). */
  static List<String> fdTargets() {
    List<String> out = new java.util.ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) s::iterator) {
        try {
          String link = Files.readSymbolicLink(fd).toString();
          if (link.startsWith("socket:[")) {
            String inode = link.substring(8, link.length() - 1);
            for (String t : List.of("raw", "raw6", "udp", "udp6", "tcp", "tcp6", "unix", "netlink", "icmp")) {
              try {
                for (String line : Files.readAllLines(Path.of("/proc/thread-self/net/" + t))) {
                  if (line.contains(" " + inode + " ") || line.endsWith(" " + inode)) {
                    link += " " + t + ": " + line.trim();
                  }
                }
              } catch (IOException ignored) {
                // table absent
              }
            }
          }
          out.add(fd.getFileName() + "->" + link);
        } catch (IOException closedMeanwhile) {
          // the fd of the listing itself
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The descriptors the ICMP backends hold: ICMP sockets and eventfds. NIO selectors of other tests' clients hold
   * eventfds too and release them when collected, so compare with "at most the baseline".
   */
  static int fds() {
    int n = icmpSockets();
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) s::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals("anon_inode:[eventfd]")) {
            n++;
          }
        } catch (IOException closedMeanwhile) {
          // the fd of the listing itself
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  /** This process's ICMP sockets, raw and datagram, of both families. */
  static int icmpSockets() {
    Set<String> icmpInodes = new HashSet<>();
    for (String table : List.of("raw", "raw6", "icmp", "icmp6")) {
      try {
        List<String> lines = Files.readAllLines(Path.of("/proc/thread-self/net/" + table));
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.trim().split("\\s+");
          // raw tables list every raw socket; "port" 1 / 58 is the protocol: ICMP / ICMPv6
          boolean icmp = !table.startsWith("raw") || f[1].endsWith(":0001") || f[1].endsWith(":003A");
          if (icmp) {
            icmpInodes.add(f[9]);
          }
        }
      } catch (IOException missing) {
        // no IPv6 in this kernel
      }
    }
    int n = 0;
    try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) s::iterator) {
        try {
          String link = Files.readSymbolicLink(fd).toString();
          if (link.startsWith("socket:[") && icmpInodes.contains(link.substring(8, link.length() - 1))) {
            n++;
          }
        } catch (IOException closedMeanwhile) {
          // the fd of the listing itself
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }

  /** Waits up to {@code limit} for {@code condition}; fails the test when it does not hold by then. */
  static void within(java.time.Duration limit, java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("condition still false after " + limit);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Waits until reactors that earlier tests left idle (clients they never closed) have retired, so that this
   * process's ICMP sockets and reactor threads are the test's own.
   */
  static void quiesce() {
    within(java.time.Duration.ofNanos(EchoReactor.IDLE_NANOS).plusSeconds(2),
        () -> reactorThreads() == 0 && icmpSockets() == 0);
  }

  static long reactorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("netprobe-icmp") || t.getName().startsWith("netprobe-traceroute"))
        .count();
  }
}
