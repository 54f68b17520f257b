/** The {@code netprobe} command line: the seed's tools as subcommands, built on {@link io.netprobe.Probes}. */
@ParametersAreNonnullByDefault
package io.netprobe.cli;

import javax.annotation.ParametersAreNonnullByDefault;
