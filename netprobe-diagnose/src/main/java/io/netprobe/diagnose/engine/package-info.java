/**
 * The outage checklist behind {@link io.netprobe.Probes#diagnose(String)}, provided to netprobe-core as its
 * {@link io.netprobe.spi.DiagnosisEngine}, and {@link io.netprobe.diagnose.engine.DiagnosisReport}, the text report
 * of a diagnosis in English or Korean.
 */
@ParametersAreNonnullByDefault
package io.netprobe.diagnose.engine;

import javax.annotation.ParametersAreNonnullByDefault;
