/** The quick-start example: a site check built on netprobe. */
@ParametersAreNonnullByDefault
package io.netprobe.examples.quickstart;

import javax.annotation.ParametersAreNonnullByDefault;
