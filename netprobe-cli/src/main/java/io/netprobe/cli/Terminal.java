package io.netprobe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal: progress (bars, "checking...") is drawn only there, never into a file or a
 * pipe, and never on standard output. Stateless; thread-safe.
 */
final class Terminal {
  private static final Path STDERR = Path.of("/proc/self/fd/2");

  private Terminal() {
  }

  /** True when file descriptor 2 is a terminal. */
  static boolean stderr() {
    // System.console() asks about stdin and stdout (and from JDK 22 is there even for pipes): not what progress on
    // stderr needs. Linux names the file behind fd 2; elsewhere the console is the best guess there is.
    if (Files.isSymbolicLink(STDERR)) {
      try {
        String target = Files.readSymbolicLink(STDERR).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
      } catch (IOException | SecurityException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
