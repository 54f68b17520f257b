package io.netprobe.diagnose.engine.internal;

import io.netprobe.ProbeClient;
import io.netprobe.diagnose.DiagnoseSpec;
import io.netprobe.diagnose.Diagnosis;
import io.netprobe.spi.DiagnosisEngine;

/**
 * The outage checklist of netprobe-diagnose: network, DNS, HTTP (edge and origin) and local ports, probed through the
 * given client's public API and judged into a verdict. Registered for {@link java.util.ServiceLoader}. Stateless;
 * thread-safe.
 */
public final class ChecklistEngine implements DiagnosisEngine {
  /** For {@link java.util.ServiceLoader}. */
  public ChecklistEngine() {}

  @Override
  public String id() {
    return "checklist";
  }

  @Override
  public Diagnosis diagnose(DiagnoseSpec spec, ProbeClient probes) {
    return new Diagnoser(probes, spec).run();
  }
}
