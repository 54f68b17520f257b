/** Implementation of the socket backends. Not API. */
@ParametersAreNonnullByDefault
package io.netprobe.sockets.internal;

import javax.annotation.ParametersAreNonnullByDefault;
