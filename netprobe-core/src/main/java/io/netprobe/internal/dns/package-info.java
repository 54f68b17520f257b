/** How netprobe answers DNS questions it builds from others: the iterative walk of {@code dig +trace}. Not API. */
@ParametersAreNonnullByDefault
package io.netprobe.internal.dns;

import javax.annotation.ParametersAreNonnullByDefault;
