/** JSON for netprobe results: {@link io.netprobe.jackson.NetprobeJson}. */
@ParametersAreNonnullByDefault
package io.netprobe.jackson;

import javax.annotation.ParametersAreNonnullByDefault;
