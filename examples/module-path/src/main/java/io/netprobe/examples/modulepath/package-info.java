/** The quick-start site check, as a named module. */
@ParametersAreNonnullByDefault
package io.netprobe.examples.modulepath;

import javax.annotation.ParametersAreNonnullByDefault;
