/**
 * The offline demo: a stand-in for the seed's site (DNS, HTTP and HTTPS servers) inside the process, so that
 * {@code netprobe demo} can tour every probe on any machine without the internet.
 */
@ParametersAreNonnullByDefault
package io.netprobe.cli.demo;

import javax.annotation.ParametersAreNonnullByDefault;
