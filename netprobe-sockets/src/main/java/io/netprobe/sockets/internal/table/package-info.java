/**
 * The listening-socket table: pure parsers for netlink sock_diag replies and {@code /proc/net/{tcp,udp}[6]} lines,
 * the JNA netlink and {@code /proc/net} readers, the {@code /proc/*}/fd owner index, and the two backends. Not API.
 */
@ParametersAreNonnullByDefault
package io.netprobe.sockets.internal.table;

import javax.annotation.ParametersAreNonnullByDefault;
