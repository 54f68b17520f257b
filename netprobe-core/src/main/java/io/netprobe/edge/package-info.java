/**
 * What netprobe knows about CDN edges and the software behind them, in one place: published address ranges,
 * response-header fingerprints, CNAME target domains and origin hints, each with its date and source. The HTTP probe
 * classifies its final response with {@link io.netprobe.edge.EdgeCatalog}, and the diagnosis reads the same catalog.
 */
@ParametersAreNonnullByDefault
package io.netprobe.edge;

import javax.annotation.ParametersAreNonnullByDefault;
