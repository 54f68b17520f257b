/** The libc calls netprobe's socket backends make through JNA (ICMP sockets, netlink sock_diag). Not API. */
@ParametersAreNonnullByDefault
package io.netprobe.sockets.internal.libc;

import javax.annotation.ParametersAreNonnullByDefault;
