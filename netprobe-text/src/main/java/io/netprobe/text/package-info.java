/**
 * The classic tools' text for netprobe results. {@link io.netprobe.text.ClassicText} renders any result
 * ({@code render}) or sums it up in one line ({@code summary}); the per-tool classes ({@link io.netprobe.text.DigText},
 * {@link io.netprobe.text.CurlText}, {@link io.netprobe.text.PingText}, {@link io.netprobe.text.TracerouteText},
 * {@link io.netprobe.text.SsText}, {@link io.netprobe.text.NcText}) add the single lines a command line prints as
 * replies and hops arrive, and the variants of a tool's output ({@code dig +short}, {@code curl -sI} without
 * netprobe's own lines). Secret header values are redacted everywhere.
 */
@ParametersAreNonnullByDefault
package io.netprobe.text;

import javax.annotation.ParametersAreNonnullByDefault;
