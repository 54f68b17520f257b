/** ICMP ping and traceroute. */
@ParametersAreNonnullByDefault
package io.netprobe.icmp;

import javax.annotation.ParametersAreNonnullByDefault;
