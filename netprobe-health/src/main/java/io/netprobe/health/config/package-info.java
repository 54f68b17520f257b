/**
 * The text format for configuring health checks, for properties files and for configuration binders (a Spring Boot
 * starter, an exporter's configuration): {@link io.netprobe.health.config.CheckDefinitions} turns
 * {@code check.<name>.<key>} keys into {@link io.netprobe.health.HealthCheck}s, {@link
 * io.netprobe.health.config.RuleText} turns one rule text such as {@code "status 2xx"} into a
 * {@link io.netprobe.health.HealthRule}, and {@link io.netprobe.health.config.DurationText} and {@link
 * io.netprobe.health.config.HostPort} read the values they share. Mistakes are
 * {@link io.netprobe.health.config.CheckDefinitionException}s naming the line, the key and the rule.
 */
@ParametersAreNonnullByDefault
package io.netprobe.health.config;

import javax.annotation.ParametersAreNonnullByDefault;
