/**
 * The HTTP probe's policy, written once for every {@link io.netprobe.spi.HttpBackend}: redirects, the HEAD→GET
 * fallback, loop and limit checks, the deadline across hops, and the edge and origin classification of the final
 * response. Not API and not exported: only {@link io.netprobe.http.HttpProbeRequest} uses it.
 */
@ParametersAreNonnullByDefault
package io.netprobe.internal.http;

import javax.annotation.ParametersAreNonnullByDefault;
