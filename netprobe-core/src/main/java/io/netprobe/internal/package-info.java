/** Implementation details shared by netprobe's modules. Not API: exported only to netprobe's own modules. */
@ParametersAreNonnullByDefault
package io.netprobe.internal;

import javax.annotation.ParametersAreNonnullByDefault;
