/** Shared policy of probes made of several wire operations: the TCP conversation. */
@ParametersAreNonnullByDefault
package io.netprobe.internal.policy;

import javax.annotation.ParametersAreNonnullByDefault;
