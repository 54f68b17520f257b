package io.netprobe.sockets.internal.table;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.spi.SocketTableBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Listening sockets on Linux from {@code /proc/net/{tcp,tcp6,udp,udp6}} with the JDK alone: the fallback when JNA
 * cannot load. Slower than netlink on busy hosts (it reads every socket, not only listeners) and blind to the listen
 * backlog, v6only and bound devices. Thread-safe.
 */
public final class ProcfsSocketTableBackend implements SocketTableBackend {
  public static final String ID = "procfs";

  private final ProcNetReader reader = new ProcNetReader(Path.of("/proc/net"));
  private final SocketTableListing listing = new SocketTableListing(SystemOwnerIndex.INSTANCE);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 40;
  }

  @Override
  public boolean isAvailable() {
    return NetlinkSocketTableBackend.isLinux() && reader.isAvailable();
  }

  @Override
  public ListeningSocketsResult listening(ListeningSocketsSpec query, Deadline deadline) {
    if (!NetlinkSocketTableBackend.isLinux()) {
      return SocketTableListing.unsupported(query, ID, Instant.now(), deadline,
          "/proc/net socket tables exist only on Linux, not on " + System.getProperty("os.name"));
    }
    return listing.list(query, deadline, ID, List.of(reader));
  }
}
