/** The dnsjava-based DNS backend: its own UDP/TCP exchange loop, dig-faithful rendering, batch, trace. */
@ParametersAreNonnullByDefault
package io.netprobe.dns.internal;

import javax.annotation.ParametersAreNonnullByDefault;
