package io.netprobe.spring.autoconfigure;

import io.netprobe.core.ProbeRunner;

/**
 * Wraps the runner the configured checks and the endpoint's diagnoses probe through (the {@code ProbeClient} bean):
 * the Micrometer auto-configuration contributes one that times and observes every probe. At most one is used; define
 * your own bean to replace it. Implementations are thread-safe.
 */
@FunctionalInterface
public interface NetprobeRunnerDecorator {
  /** A runner that runs probes through {@code runner}. */
  ProbeRunner decorate(ProbeRunner runner);
}
