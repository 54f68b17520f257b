package io.netprobe.spi;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.TcpConnectSpec;
import java.util.concurrent.CompletableFuture;

/**
 * Connects to a TCP port. Implementations must return by the deadline, report every network outcome as a failure
 * inside the result (never throw it), and close every socket they open before returning. Thread-safe.
 *
 * <p>What the operating system's answer means (refused, unreachable, reset, timed out) is read in one place for
 * every backend that connects: {@code io.netprobe.internal.ConnectFailures}.
 */
public interface TcpConnectBackend extends Backend {
  TcpConnectResult connect(TcpConnectSpec query, Deadline deadline);

  /**
   * {@link #connect} without a thread waiting: the future completes by the deadline, and cancelling it closes the
   * socket. This default runs {@link #connect} on the engine's bounded blocking executor; backends built on the
   * engine override it.
   */
  default CompletableFuture<TcpConnectResult> connectAsync(TcpConnectSpec query, Deadline deadline,
      ProbeEngine engine) {
    return CompletableFuture.supplyAsync(() -> connect(query, deadline), engine.blocking());
  }
}
