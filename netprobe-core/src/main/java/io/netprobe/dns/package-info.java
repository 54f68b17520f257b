/** DNS lookups: the in-process {@code dig}. */
@ParametersAreNonnullByDefault
package io.netprobe.dns;

import javax.annotation.ParametersAreNonnullByDefault;
