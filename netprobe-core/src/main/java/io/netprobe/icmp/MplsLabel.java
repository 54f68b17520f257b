package io.netprobe.icmp;

/**
 * One entry of an MPLS label stack that a router quoted in an ICMP extension (RFC 4950): the labels the probe
 * carried when its TTL ran out inside an MPLS tunnel.
 *
 * <p>Immutable and thread-safe.
 *
 * @param label the 20-bit label
 * @param trafficClass the 3-bit traffic class (formerly EXP)
 * @param bottomOfStack the S bit: this is the last entry of the stack
 * @param ttl the entry's TTL
 */
public record MplsLabel(int label, int trafficClass, boolean bottomOfStack, int ttl) {
  public MplsLabel {
    if (label < 0 || label > 0xFFFFF || trafficClass < 0 || trafficClass > 7 || ttl < 0 || ttl > 255) {
      throw new IllegalArgumentException("need label 0-1048575, trafficClass 0-7, ttl 0-255, was label=" + label
          + ", trafficClass=" + trafficClass + ", ttl=" + ttl);
    }
  }

  /** Decodes the 32-bit stack entry {@code label(20) | TC(3) | S(1) | TTL(8)}. */
  public static MplsLabel decode(int entry) {
    return new MplsLabel(entry >>> 12, (entry >>> 9) & 7, ((entry >>> 8) & 1) == 1, entry & 0xff);
  }
}
