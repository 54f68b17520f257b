/**
 * The exporter's server: blackbox's flags, endpoints, web config (TLS, basic auth), reload, history and its own
 * metrics, on the JDK's HTTP server.
 */
@ParametersAreNonnullByDefault
package io.netprobe.exporter.internal.web;

import javax.annotation.ParametersAreNonnullByDefault;
