/** Where a probe's spec meets the backend that runs it: the one place that maps spec types to backends. Not API. */
@ParametersAreNonnullByDefault
package io.netprobe.internal.dispatch;

import javax.annotation.ParametersAreNonnullByDefault;
