/** How a diagnosis runs, judges and words its probes. Not exported. */
@ParametersAreNonnullByDefault
package io.netprobe.diagnose.engine.internal;

import javax.annotation.ParametersAreNonnullByDefault;
