/** netprobe's entry point ({@link io.netprobe.Probes}), the failure model shared by every probe, and deadlines. */
@ParametersAreNonnullByDefault
package io.netprobe;

import javax.annotation.ParametersAreNonnullByDefault;
