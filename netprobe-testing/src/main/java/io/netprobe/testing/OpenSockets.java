package io.netprobe.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Counts the sockets this JVM holds open, from {@code /proc/self/fd} (Linux), so that a test or benchmark can show
 * that probes leave none behind. Stateless; thread-safe.
 */
public final class OpenSockets {
  private static final Path FDS = Path.of("/proc/self/fd");

  private OpenSockets() {}

  /** How many of this process's file descriptors are sockets right now. */
  public static long count() throws IOException {
    try (Stream<Path> fds = Files.list(FDS)) {
      return fds.filter(OpenSockets::isSocket).count();
    }
  }

  private static boolean isSocket(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString().startsWith("socket:");
    } catch (IOException closedMeanwhile) {
      return false;
    }
  }
}
