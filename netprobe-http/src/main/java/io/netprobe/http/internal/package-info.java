/** The OkHttp-based HTTP backend, TLS inspection and edge detection. Not API: use {@code io.netprobe.Probes}. */
@ParametersAreNonnullByDefault
package io.netprobe.http.internal;

import javax.annotation.ParametersAreNonnullByDefault;
