package io.netprobe.spi;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.ListeningSocketsSpec;
import java.util.concurrent.CompletableFuture;

/**
 * Reads this machine's table of listening sockets. Implementations must return by the deadline and report
 * problems (no permission, unsupported OS) as failures inside the result. Thread-safe.
 */
public interface SocketTableBackend extends Backend {
  ListeningSocketsResult listening(ListeningSocketsSpec query, Deadline deadline);

  /** {@link #listening} off the caller's thread; this default runs it on the engine's bounded blocking executor. */
  default CompletableFuture<ListeningSocketsResult> listeningAsync(ListeningSocketsSpec query, Deadline deadline,
      ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> listening(query, deadline), engine.blocking());
  }
}
