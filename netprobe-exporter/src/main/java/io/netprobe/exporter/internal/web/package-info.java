/**
 * The exporter's server: blackbox's flags, endpoints, web config (TLS, basic auth), reload, history and its own
 * metrics, on Netty's HTTP/1.1 codec.
 */
@ParametersAreNonnullByDefault
package io.netprobe.exporter.internal.web;

import javax.annotation.ParametersAreNonnullByDefault;
