package io.netprobe.internal.http;

import io.netprobe.core.Deadline;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.internal.dispatch.ProbeExecution;
import io.netprobe.internal.engine.DefaultProbeEngine;

/**
 * Every case of {@link HttpProbePolicyTest} again through {@link HttpProbePolicy#runAsync}: the hops chained over
 * the stub's {@code exchangeAsync} on an engine, with the same outcomes.
 */
class HttpProbePolicyAsyncTest extends HttpProbePolicyTest {
  @Override
  HttpProbeResult run(Stub stub, HttpProbeSpec spec, Deadline deadline) {
    try (DefaultProbeEngine engine = new DefaultProbeEngine(4, null)) {
      return ProbeExecution.join(HttpProbePolicy.runAsync(stub, spec, deadline, engine));
    }
  }
}
