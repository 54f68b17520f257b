package io.netprobe.sockets.internal.table;

import java.nio.file.Path;

/** The owner index over this machine's {@code /proc}, shared by every backend instance so its cache is too. */
final class SystemOwnerIndex {
  static final OwnerIndex INSTANCE = new OwnerIndex(Path.of("/proc"));

  private SystemOwnerIndex() {}
}
