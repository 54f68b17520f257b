/**
 * netprobe-exporter's small public surface: {@link io.netprobe.exporter.Exporter} runs a blackbox-compatible
 * exporter in-process (for tests and examples), {@link io.netprobe.exporter.ExporterMain} is the command.
 */
@ParametersAreNonnullByDefault
package io.netprobe.exporter;

import javax.annotation.ParametersAreNonnullByDefault;
