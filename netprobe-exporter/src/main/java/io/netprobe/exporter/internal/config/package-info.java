/**
 * blackbox_exporter's configuration file read strictly into typed records: modules, every prober block with
 * blackbox's defaults, and netprobe's own prober blocks. Errors name the file, the line and the key.
 */
@ParametersAreNonnullByDefault
package io.netprobe.exporter.internal.config;

import javax.annotation.ParametersAreNonnullByDefault;
