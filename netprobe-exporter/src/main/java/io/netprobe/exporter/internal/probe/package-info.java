/**
 * The probers: blackbox's http, tcp, icmp and dns on netprobe's requests, netprobe's own ping, traceroute,
 * diagnose and sockets, blackbox's metrics and conventions, and {@link
 * io.netprobe.exporter.internal.probe.Unsupported}, the one list of options not honoured yet.
 */
@ParametersAreNonnullByDefault
package io.netprobe.exporter.internal.probe;

import javax.annotation.ParametersAreNonnullByDefault;
