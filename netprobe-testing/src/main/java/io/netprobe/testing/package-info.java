/**
 * In-memory fake backends for every netprobe capability: scripted answers, delays and failures, so that code using
 * netprobe (a health check, a diagnosis) can be unit-tested without a network.
 *
 * <pre>{@code
 * FakeDnsBackend dns = new FakeDnsBackend().address("quizai.juwonpark.me", "172.67.152.70");
 * ProbeClient probes = Probes.builder().backend(dns).build();
 * }</pre>
 */
@ParametersAreNonnullByDefault
package io.netprobe.testing;

import javax.annotation.ParametersAreNonnullByDefault;
