package io.netprobe.sockets.internal.table;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.spi.SocketTableBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Listening sockets on Linux from netlink sock_diag (through JNA), falling back to {@code /proc/net} for a listing
 * when netlink fails (gVisor, WSL1, kernels without INET_DIAG); {@link ListeningSocketsResult#source()} says which
 * was used. Owners come from {@code /proc/*}/fd through a cache shared by every instance. Thread-safe.
 */
public final class NetlinkSocketTableBackend implements SocketTableBackend {
  public static final String ID = "netlink";

  private final SocketTableListing listing = new SocketTableListing(SystemOwnerIndex.INSTANCE);
  private final List<SocketTableReader> readers;

  /** The ServiceLoader constructor: netlink, then /proc/net. */
  public NetlinkSocketTableBackend() {
    this(List.of(new NetlinkReader(), new ProcNetReader(Path.of("/proc/net"))));
  }

  /** With other readers, tried in order (tests inject a failing netlink reader). */
  NetlinkSocketTableBackend(List<SocketTableReader> readers) {
    this.readers = List.copyOf(readers);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 60;
  }

  /** Linux with a working JNA and NETLINK_SOCK_DIAG. */
  @Override
  public boolean isAvailable() {
    return NetlinkReader.isAvailable();
  }

  @Override
  public ListeningSocketsResult listening(ListeningSocketsSpec query, Deadline deadline) {
    if (!isLinux()) {
      return SocketTableListing.unsupported(query, ID, Instant.now(), deadline,
          "netlink sock_diag exists only on Linux, not on " + System.getProperty("os.name"));
    }
    return listing.list(query, deadline, ID, readers);
  }

  static boolean isLinux() {
    return System.getProperty("os.name", "").startsWith("Linux");
  }
}
