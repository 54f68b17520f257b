/**
 * The outage checklist as one call: {@link io.netprobe.Probes#diagnose(String)} runs network, DNS, HTTP and local
 * port checks and names the first failing layer ({@link io.netprobe.diagnose.Verdict}). This package is the request
 * and the result model; the checklist that fills it is a {@link io.netprobe.spi.DiagnosisEngine} (netprobe-diagnose).
 */
@ParametersAreNonnullByDefault
package io.netprobe.diagnose;

import javax.annotation.ParametersAreNonnullByDefault;
