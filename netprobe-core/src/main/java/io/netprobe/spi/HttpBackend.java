package io.netprobe.spi;

import io.netprobe.Deadline;
import io.netprobe.http.HttpHeadResult;
import io.netprobe.http.HttpProbeSpec;

/**
 * Performs HTTP probes. Implementations must use a fresh connection per probe (so phase timings are real), return
 * by the deadline with redirects included, report network and TLS outcomes as failures inside the result, and close
 * every connection before returning. Thread-safe.
 */
public interface HttpBackend extends Backend {
  HttpHeadResult probe(HttpProbeSpec spec, Deadline deadline);
}
