/**
 * The client-owned engine backends share: the deadline timer, the selector loops and the bounded executors. See
 * {@link io.netprobe.spi.ProbeEngine}.
 */
@ParametersAreNonnullByDefault
package io.netprobe.internal.engine;

import javax.annotation.ParametersAreNonnullByDefault;
