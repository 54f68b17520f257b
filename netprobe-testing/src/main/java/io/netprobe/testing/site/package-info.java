/**
 * A local stand-in site to start in your own tests: {@link io.netprobe.testing.site.LocalSite} runs a DNS server
 * holding the site's name, a plain HTTP and an HTTPS listener (with a certificate made at run time) on free loopback
 * ports, answering what you script with {@link io.netprobe.testing.site.SiteResponse}; the pieces
 * ({@link io.netprobe.testing.site.LocalDnsServer}, {@link io.netprobe.testing.site.LocalCertificate}) also work on
 * their own. Unlike the fake backends, these are real servers: the real backends (netprobe-dns, netprobe-http) and the
 * classic tools (dig, curl) talk to them over loopback. {@code netprobe demo} is built on them.
 */
@ParametersAreNonnullByDefault
package io.netprobe.testing.site;

import javax.annotation.ParametersAreNonnullByDefault;
