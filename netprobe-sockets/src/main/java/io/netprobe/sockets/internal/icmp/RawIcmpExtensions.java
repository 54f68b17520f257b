package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.IcmpExtensions;
import java.util.Optional;

/**
 * Finds the ICMP extension structure (RFC 4884) in a whole ICMP error message, as a raw socket reads it: after the
 * original datagram, whose length (in 32-bit words for ICMPv4, 64-bit words for ICMPv6) the sender puts in byte 5
 * (ICMPv4) or byte 4 (ICMPv6). A sender that predates RFC 4884 leaves that 0 and appends the extension after exactly
 * 128 octets of original datagram; there the structure is only believed with a valid checksum, as trippy and mtr
 * do. Pure functions; thread-safe.
 */
final class RawIcmpExtensions {
  private RawIcmpExtensions() {}

  /**
   * The extensions of the ICMP error at {@code data[icmp, icmp + length)}.
   *
   * @param v6 whether it is ICMPv6
   */
  static Optional<IcmpExtensions> find(byte[] data, int icmp, int length, boolean v6) {
    if (length < IcmpPacket.HEADER + ErrorQueueExtensions.ORIGINAL_DATAGRAM + 4) {
      return Optional.empty();
    }
    int words = data[icmp + (v6 ? 4 : 5)] & 0xff;
    int original = words * (v6 ? 8 : 4);
    int start = icmp + IcmpPacket.HEADER;
    int end = icmp + length;
    if (original >= ErrorQueueExtensions.ORIGINAL_DATAGRAM && start + original + 4 <= end) {
      return IcmpExtensions.parse(data, start + original, end - start - original);
    }
    if (words == 0) {
      int legacy = start + ErrorQueueExtensions.ORIGINAL_DATAGRAM;
      return IcmpExtensions.parse(data, legacy, end - legacy).filter(IcmpExtensions::checksumValid);
    }
    return Optional.empty();
  }
}
