/** The vocabulary every probe shares: results, failures, deadlines, hosts, and the spec/runner contract between requests and the client. */
@ParametersAreNonnullByDefault
package io.netprobe.core;

import javax.annotation.ParametersAreNonnullByDefault;
