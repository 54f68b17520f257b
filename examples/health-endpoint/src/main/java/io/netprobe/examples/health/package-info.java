/**
 * A runnable health endpoint built on netprobe: {@code /health} in Spring Boot Actuator's JSON shape, fed by
 * background checks; {@code /metrics} for the service itself; and netprobe-exporter embedded beside them for
 * Prometheus blackbox_exporter's {@code /probe}. Start it with {@link io.netprobe.examples.health.HealthEndpointMain}.
 */
@ParametersAreNonnullByDefault
package io.netprobe.examples.health;

import javax.annotation.ParametersAreNonnullByDefault;
