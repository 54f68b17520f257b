package io.netprobe.spi;

import io.netprobe.core.Deadline;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.sockets.TcpConnectResult;

/**
 * Connects to a TCP port. Implementations must return by the deadline, report every network outcome as a failure
 * inside the result (never throw it), and close every socket they open before returning. Thread-safe.
 *
 * <p>What the operating system's answer means (refused, unreachable, reset, timed out) is read in one place for
 * every backend that connects: {@code io.netprobe.internal.ConnectFailures}.
 */
public interface TcpConnectBackend extends Backend {
  TcpConnectResult connect(TcpConnectSpec query, Deadline deadline);
}
