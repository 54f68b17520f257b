/**
 * Benchmarks: one {@code <Area>Bench} main class per area, each measuring netprobe and the classic tool on the same
 * targets in the same run and printing the ratio. See {@code bench/run.sh} and {@code docs/BENCHMARKS.md}.
 */
package io.netprobe.bench;
