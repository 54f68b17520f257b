package io.netprobe.sockets.internal.table;

import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;

/** Pure parsers for the small {@code /proc/PID} texts the owner lookup reads. Stateless; thread-safe. */
final class ProcFs {
  private static final String SOCKET_PREFIX = "socket:[";

  private ProcFs() {}

  /** The inode of an fd symlink target {@code socket:[12345]}, or -1 for anything else (files, pipes…). */
  static long socketInode(String linkTarget) {
    if (!linkTarget.startsWith(SOCKET_PREFIX) || !linkTarget.endsWith("]")) {
      return -1;
    }
    int end = linkTarget.length() - 1;
    if (end == SOCKET_PREFIX.length() || end - SOCKET_PREFIX.length() > 19) {
      return -1;
    }
    long value = 0;
    for (int i = SOCKET_PREFIX.length(); i < end; i++) {
      char c = linkTarget.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** A pid or fd directory name as a number, or -1 when it is not one ({@code self}, {@code net}, …). */
  static long number(String name) {
    if (name.isEmpty() || name.length() > 18) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The process name in {@code /proc/PID/comm}: the text without its trailing newline. */
  static String comm(byte[] content) {
    int end = content.length;
    while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == 0)) {
      end--;
    }
    return new String(content, 0, end, StandardCharsets.UTF_8);
  }

  /**
   * Whether this process lives in a nested PID namespace (a container), judged from {@code /proc/self/status} and
   * {@code /proc/2/comm}. Its {@code NSpid:} line lists one pid per namespace level, but a container that mounts its
   * own {@code /proc} shows only its own level; so also: only the initial PID namespace sees the kernel threads,
   * whose parent {@code kthreadd} is always pid 2.
   *
   * @param pid2Comm the content of {@code /proc/2/comm}, null when it does not exist
   */
  static boolean inNestedPidNamespace(String selfStatus, @Nullable String pid2Comm) {
    for (String line : selfStatus.split("\n")) {
      if (line.startsWith("NSpid:") && line.substring(6).trim().split("\\s+").length > 1) {
        return true;
      }
    }
    return pid2Comm == null || !pid2Comm.strip().equals("kthreadd");
  }
}
