/**
 * The outage checklist as one call: {@link io.netprobe.Probes#diagnose(String)} runs network, DNS, HTTP and local
 * port checks and names the first failing layer ({@link io.netprobe.diagnose.Verdict}).
 */
@ParametersAreNonnullByDefault
package io.netprobe.diagnose;

import javax.annotation.ParametersAreNonnullByDefault;
