/** The transport of TCP conversations: a blocking socket with per-call deadlines, and TLS on it. */
@ParametersAreNonnullByDefault
package io.netprobe.sockets.internal.conversation;

import javax.annotation.ParametersAreNonnullByDefault;
