package io.netprobe.spi;

import io.netprobe.Deadline;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;

/**
 * Sends ICMP echo requests. Implementations must return by the deadline, report lack of permission as a
 * PERMISSION_DENIED failure that says how to fix it, and close their sockets before returning. Thread-safe.
 */
public interface PingBackend extends Backend {
  PingResult ping(PingSpec spec, Deadline deadline);
}
