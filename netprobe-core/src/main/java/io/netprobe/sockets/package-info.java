/** Listening sockets (the in-process {@code ss -tulnp}) and TCP reachability. */
@ParametersAreNonnullByDefault
package io.netprobe.sockets;

import javax.annotation.ParametersAreNonnullByDefault;
