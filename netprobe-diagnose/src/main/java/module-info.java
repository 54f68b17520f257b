/**
 * The outage checklist (network, DNS, HTTP, local ports) judged into a verdict, and its text report in English and
 * Korean. {@code Probes.diagnose(url)} finds the checklist through {@link java.util.ServiceLoader}; the module exports
 * only the report renderer.
 */
module io.netprobe.diagnose.engine {
  requires transitive io.netprobe.core;
  requires io.netprobe.text;

  exports io.netprobe.diagnose.engine;

  provides io.netprobe.spi.DiagnosisEngine with io.netprobe.diagnose.engine.internal.ChecklistEngine;
}
