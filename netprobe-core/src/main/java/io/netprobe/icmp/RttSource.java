package io.netprobe.icmp;

/**
 * Which clocks an RTT was read from, most precise first. Immutable enum; thread-safe.
 */
public enum RttSource {
  /** The kernel's transmit timestamp of the request to its receive timestamp of the reply: no JVM time included. */
  KERNEL,
  /** The wall clock read just before sending to the kernel's receive timestamp of the reply (iputils' method). */
  KERNEL_RECEIVE,
  /** {@link System#nanoTime()} around sending and receiving in the JVM (also the TCP fallback and fakes). */
  MONOTONIC
}
