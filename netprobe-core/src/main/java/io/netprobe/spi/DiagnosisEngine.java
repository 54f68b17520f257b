package io.netprobe.spi;

import io.netprobe.core.ProbeRunner;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.DiagnosisSpec;

/**
 * Runs the outage checklist behind {@link io.netprobe.diagnose.DiagnosisRequest#run()}. netprobe-core holds only the
 * request and the result model; the checklist itself comes from a module such as {@code netprobe-diagnose}, chosen
 * like any other backend (see {@link Backend}), so the facade reaches it without depending on it.
 *
 * <p>Implementations probe only through the public API and the runner they are given (so the client's
 * backends, fakes included, and its executor are used), return by the spec's timeout whatever the peers do, and report every
 * network outcome inside the diagnosis, never as an exception. Thread-safe.
 */
public interface DiagnosisEngine extends Backend {
  /**
   * Runs the checklist of {@code spec} with probes run by {@code probes} (requests made with their {@code create}
   * factories and this runner use the client's backends, fakes included, and its executor).
   *
   * @return the verdict, the layers and the notes; never null
   */
  DiagnosisResult diagnose(DiagnosisSpec spec, ProbeRunner probes);
}
