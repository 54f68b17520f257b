package io.netprobe.spi;

import io.netprobe.Deadline;
import io.netprobe.dns.DnsQuery;
import io.netprobe.dns.DnsResult;

/**
 * Answers DNS questions. Implementations must return by the deadline whatever the server does, report every DNS
 * and network outcome as a failure inside the result (never throw it), and leave no socket open. Thread-safe.
 */
public interface DnsBackend extends Backend {
  DnsResult query(DnsQuery query, Deadline deadline);
}
