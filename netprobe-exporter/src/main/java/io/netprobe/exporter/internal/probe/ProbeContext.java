package io.netprobe.exporter.internal.probe;

import io.netprobe.ProbeClient;
import io.netprobe.exporter.internal.config.ModuleConfig;
import java.time.Duration;
import java.util.Optional;

/**
 * Everything one probe needs. Immutable, but {@code metrics} and {@code log} collect as the probe runs.
 *
 * @param module the module
 * @param target the target as given in {@code target=}
 * @param hostname the {@code hostname=} parameter, when given
 * @param timeout the probe's deadline from its start
 * @param metrics the metrics being collected
 * @param log the probe's log
 * @param client the netprobe client that runs the probes
 */
record ProbeContext(ModuleConfig module, String target, Optional<String> hostname, Duration timeout,
    MetricSet metrics, ProbeLog log, ProbeClient client) {}
