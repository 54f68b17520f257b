/**
 * ICMP ping and traceroute on Linux through JNA: datagram ICMP sockets when {@code ping_group_range} allows them,
 * raw sockets with CAP_NET_RAW, and the socket error queue ({@code IP_RECVERR}) for traceroute. Not API.
 */
@ParametersAreNonnullByDefault
package io.netprobe.sockets.internal.icmp;

import javax.annotation.ParametersAreNonnullByDefault;
