/** HTTP probes: the in-process {@code curl -I}. */
@ParametersAreNonnullByDefault
package io.netprobe.http;

import javax.annotation.ParametersAreNonnullByDefault;
