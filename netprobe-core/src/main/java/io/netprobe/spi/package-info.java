/** Backend contracts. A backend implements one capability and is found by {@link java.util.ServiceLoader}; see {@link io.netprobe.spi.Backend} for how one is chosen. */
@ParametersAreNonnullByDefault
package io.netprobe.spi;

import javax.annotation.ParametersAreNonnullByDefault;
