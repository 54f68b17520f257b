package io.netprobe.internal.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Defaults derived from the process's limits. Stateless; thread-safe. */
public final class DefaultLimits {
  private static final int CAP = 10_000;

  private DefaultLimits() {}

  /**
   * The default bound on probes in flight per client: 10,000, or fewer when the soft limit on open files ({@code
   * /proc/self/limits}) leaves less room, keeping up to 1,024 files (half the limit at most) for everything else.
   */
  public static int maxInFlight() {
    return maxInFlight(openFilesLimit());
  }

  /** The default bound for a soft open-files limit of {@code files} (-1: unknown). */
  public static int maxInFlight(long files) {
    if (files <= 0) {
      return CAP;
    }
    long room = files - Math.min(1024, files / 2);
    return (int) Math.max(64, Math.min(CAP, room));
  }

  /** The soft limit on open files, or -1 when it cannot be read (not Linux). */
  public static long openFilesLimit() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/limits"));
      for (String line : lines) {
        if (line.startsWith("Max open files")) {
          String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
          return parts[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(parts[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc is not mounted: use the plain default
    }
    return -1;
  }
}
