package io.netprobe.sockets.internal.icmp;

import io.netprobe.sockets.internal.libc.LibC;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Explains why this process may not open ICMP sockets and how to allow it: the current
 * {@code net.ipv4.ping_group_range} (which gates datagram ICMP sockets for IPv4 and IPv6), the process's groups, and
 * whether it has CAP_NET_RAW (which raw sockets need). {@link #explain} is a pure function of the texts of
 * {@code /proc/sys/net/ipv4/ping_group_range} and {@code /proc/thread-self/status}; thread-safe.
 */
final class PermissionDiagnosis {
  static final Path RANGE_FILE = Path.of("/proc/sys/net/ipv4/ping_group_range");
  private static final int CAP_NET_RAW = 13;
  static final String WIDE_RANGE = "0 2147483647";

  private PermissionDiagnosis() {}

  /** The explanation for this thread, reading {@code /proc}. */
  static String current(boolean v6, int datagramErrno, int rawErrno) {
    Path status = Files.exists(Path.of("/proc/thread-self/status")) ? Path.of("/proc/thread-self/status")
        : Path.of("/proc/self/status");
    return explain(read(RANGE_FILE), read(status), v6, datagramErrno, rawErrno);
  }

  static String explain(String range, String status, boolean v6, int datagramErrno, int rawErrno) {
    long[] bounds = parseRange(range);
    Set<Long> groups = groups(status);
    boolean hasNetRaw = hasCapability(status, CAP_NET_RAW);
    StringBuilder m = new StringBuilder();
    m.append("ICMP").append(v6 ? "v6" : "").append(" sockets are not permitted for this process. ");
    m.append("Datagram ICMP sockets (").append(LibC.describe(datagramErrno)).append(") need one of the process's groups "
        + "in net.ipv4.ping_group_range");
    if (bounds == null) {
      m.append(" (could not read it)");
    } else {
      m.append(", which is \"").append(bounds[0]).append(' ').append(bounds[1]).append('"');
      m.append(bounds[0] > bounds[1] ? " and admits no group" : " and admits groups " + bounds[0] + "–" + bounds[1]);
    }
    m.append("; this process's groups are ").append(groups.isEmpty() ? "unknown" : groups).append(". ");
    m.append("Raw ICMP sockets (").append(LibC.describe(rawErrno)).append(") need CAP_NET_RAW, which this process ")
        .append(hasNetRaw ? "has (a security module such as SELinux or seccomp may still deny it)" : "does not have")
        .append(". To fix, either allow unprivileged ICMP: sysctl -w net.ipv4.ping_group_range=\"").append(WIDE_RANGE)
        .append("\" (persist it in /etc/sysctl.d/; in Docker: --sysctl net.ipv4.ping_group_range=\"").append(WIDE_RANGE)
        .append("\"; in Kubernetes it is a safe sysctl: securityContext.sysctls: [{name: net.ipv4.ping_group_range, "
            + "value: \"").append(WIDE_RANGE).append("\"}]), or grant CAP_NET_RAW (Docker: --cap-add NET_RAW; "
            + "Kubernetes: securityContext.capabilities.add: [NET_RAW]; a plain JVM: setcap cap_net_raw+ep on the java "
            + "binary), or accept a TCP connect measurement instead with allowTcpFallback(port).");
    return m.toString();
  }

  /** The two bounds of the range, or null when the text is not two numbers. */
  static long[] parseRange(String range) {
    String[] parts = range.trim().split("\\s+");
    if (parts.length != 2) {
      return null;
    }
    try {
      return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The effective gid and the supplementary groups from a {@code status} file. */
  static Set<Long> groups(String status) {
    Set<Long> groups = new LinkedHashSet<>();
    for (String line : status.split("\n")) {
      if (line.startsWith("Gid:")) {
        String[] ids = line.substring(4).trim().split("\\s+");
        if (ids.length > 1) {
          groups.add(Long.parseLong(ids[1]));
        }
      } else if (line.startsWith("Groups:")) {
        for (String id : line.substring(7).trim().split("\\s+")) {
          if (!id.isEmpty()) {
            groups.add(Long.parseLong(id));
          }
        }
      }
    }
    return groups;
  }

  static boolean hasCapability(String status, int capability) {
    for (String line : status.split("\n")) {
      if (line.startsWith("CapEff:")) {
        long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
        return (mask & (1L << capability)) != 0;
      }
    }
    return false;
  }

  private static String read(Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      // not Files.readString: /proc reports size 0 and that read can stop after the first byte
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      return "";
    }
  }

  /** Whether an errno from socket() means "not allowed" rather than "not supported". */
  static boolean isDenial(int errno) {
    return errno == LibC.EACCES || errno == LibC.EPERM;
  }
}
