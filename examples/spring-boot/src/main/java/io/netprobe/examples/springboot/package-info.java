/**
 * A Spring Boot 4 application whose Actuator readiness includes netprobe checks, served from background results:
 * {@link io.netprobe.examples.springboot.NetprobeHealthIndicator}, wired by
 * {@link io.netprobe.examples.springboot.NetprobeHealthConfiguration}.
 */
@ParametersAreNonnullByDefault
package io.netprobe.examples.springboot;

import javax.annotation.ParametersAreNonnullByDefault;
