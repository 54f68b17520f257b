/**
 * Health checks built from probes: a {@link io.netprobe.health.HealthCheck} is any probe request plus a
 * {@link io.netprobe.health.HealthRule} ("HTTP status 2xx", "certificate valid for 14 more days", "loss below 20%"),
 * judged {@link io.netprobe.health.HealthStatus#UP UP}, {@link io.netprobe.health.HealthStatus#DEGRADED DEGRADED} or
 * {@link io.netprobe.health.HealthStatus#DOWN DOWN} with details taken from the result. A
 * {@link io.netprobe.health.HealthMonitor} runs checks in the background so that a health endpoint answers at once
 * with the last result and its age, and never waits on the network. The text format for configuring checks is in
 * {@code io.netprobe.health.config}.
 */
@ParametersAreNonnullByDefault
package io.netprobe.health;

import javax.annotation.ParametersAreNonnullByDefault;
