/**
 * A Spring Boot 4 application whose Actuator readiness includes netprobe checks, from one dependency
 * (netprobe-spring-boot-starter) and {@code application.yml}.
 */
@ParametersAreNonnullByDefault
package io.netprobe.examples.springboot;

import javax.annotation.ParametersAreNonnullByDefault;
