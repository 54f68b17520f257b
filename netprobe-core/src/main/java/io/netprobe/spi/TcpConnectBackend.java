package io.netprobe.spi;

import io.netprobe.Deadline;
import io.netprobe.sockets.TcpConnectQuery;
import io.netprobe.sockets.TcpConnectResult;

/**
 * Connects to a TCP port. Implementations must return by the deadline, report every network outcome as a failure
 * inside the result (never throw it), and close every socket they open before returning. Thread-safe.
 */
public interface TcpConnectBackend extends Backend {
  TcpConnectResult connect(TcpConnectQuery query, Deadline deadline);
}
