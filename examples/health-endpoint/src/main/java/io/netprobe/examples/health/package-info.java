/**
 * A runnable health endpoint built on netprobe: {@code /health} in Spring Boot Actuator's JSON shape, fed by
 * background checks; {@code /probe} compatible with Prometheus blackbox_exporter; {@code /metrics} for the service
 * itself. Start it with {@link io.netprobe.examples.health.HealthEndpointMain}.
 */
@ParametersAreNonnullByDefault
package io.netprobe.examples.health;

import javax.annotation.ParametersAreNonnullByDefault;
