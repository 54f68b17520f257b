/**
 * Spring Boot auto-configuration for netprobe: checks from {@code netprobe.checks.<name>.*}, a {@code ProbeClient}
 * and a background {@code HealthMonitor}, one Actuator health contributor per check under {@code netprobe}, the
 * {@code netprobe} endpoint, and Micrometer meters.
 */
@ParametersAreNonnullByDefault
package io.netprobe.spring.autoconfigure;

import javax.annotation.ParametersAreNonnullByDefault;
