/** How a diagnosis runs and judges its probes. Not API. */
@ParametersAreNonnullByDefault
package io.netprobe.internal.diagnose;

import javax.annotation.ParametersAreNonnullByDefault;
