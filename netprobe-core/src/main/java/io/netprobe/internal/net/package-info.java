/** netprobe internals: host and address parsing, below every other package. */
@ParametersAreNonnullByDefault
package io.netprobe.internal.net;

import javax.annotation.ParametersAreNonnullByDefault;
