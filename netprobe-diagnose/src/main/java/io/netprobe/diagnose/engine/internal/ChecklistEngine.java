package io.netprobe.diagnose.engine.internal;

import io.netprobe.core.ProbeRunner;
import io.netprobe.diagnose.DiagnosisSpec;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.spi.DiagnosisEngine;

/**
 * The outage checklist of netprobe-diagnose: network, DNS, HTTP (edge and origin) and local ports, probed through the
 * public API on the runner it is given and judged into a verdict. Registered for {@link java.util.ServiceLoader}. Stateless;
 * thread-safe.
 */
public final class ChecklistEngine implements DiagnosisEngine {
  /** This engine's id, named by every diagnosis it makes. */
  public static final String ID = "checklist";

  /** For {@link java.util.ServiceLoader}. */
  public ChecklistEngine() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public DiagnosisResult diagnose(DiagnosisSpec spec, ProbeRunner probes) {
    return new Diagnoser(probes, spec).run();
  }
}
