/**
 * Micrometer for netprobe. {@link io.netprobe.micrometer.HealthMonitorMetrics} binds the checks of a
 * {@link io.netprobe.health.HealthMonitor} ({@code netprobe.check.status}, {@code netprobe.check.age});
 * {@link io.netprobe.micrometer.ObservedProbeRunner} wraps a {@link io.netprobe.ProbeClient} so every probe it runs
 * is timed ({@code netprobe.probe}, tagged {@code kind}, {@code target}, {@code failure}) and, with an
 * {@code ObservationRegistry}, observed, so a tracing backend sees one span per probe. Tag values are bounded: probe
 * kinds are a fixed set, failure kinds an enum, targets host names capped per runner.
 */
@ParametersAreNonnullByDefault
package io.netprobe.micrometer;

import javax.annotation.ParametersAreNonnullByDefault;
