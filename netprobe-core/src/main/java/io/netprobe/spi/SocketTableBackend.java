package io.netprobe.spi;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsResult;

/**
 * Reads this machine's table of listening sockets. Implementations must return by the deadline and report
 * problems (no permission, unsupported OS) as failures inside the result. Thread-safe.
 */
public interface SocketTableBackend extends Backend {
  ListeningSocketsResult listening(ListeningSocketsSpec query, Deadline deadline);
}
