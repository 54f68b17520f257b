package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.IcmpExtensions;
import java.util.Optional;

/**
 * Finds the ICMP extension structure (RFC 4884) in what the error queue returns. Linux hands over the ICMP message
 * to its end, starting after the quoted headers it consumed (the IP header, and for UDP sockets the UDP header too);
 * with {@code IP_RECVERR_RFC4884} it reports where the extension starts within that payload in the low 16 bits of
 * {@code ee_data}. A sender that predates RFC 4884 (length field 0) gets 0 there although the bytes are present: they
 * then start where 128 octets of original datagram end. Pure functions; thread-safe.
 */
final class ErrorQueueExtensions {
  /** {@code IP_RECVERR_RFC4884} and {@code IPV6_RECVERR_RFC4884} (Linux 5.9). */
  static final int IP_RECVERR_RFC4884 = 26;
  static final int IPV6_RECVERR_RFC4884 = 31;
  /** RFC 4884: with extensions, the original datagram is padded to at least 128 octets. */
  static final int ORIGINAL_DATAGRAM = 128;

  private ErrorQueueExtensions() {}

  /**
   * The extensions in {@code data}, the payload of one error-queue entry.
   *
   * @param e the entry's extended error (its {@code ee_data} carries the RFC 4884 offset)
   * @param consumed the bytes of the original datagram the kernel removed before {@code data} (IP header, plus 8
   *     for a UDP socket)
   */
  static Optional<IcmpExtensions> find(byte[] data, ExtendedError e, int consumed) {
    if (!e.fromIcmp()) {
      return Optional.empty();
    }
    int offset = e.data() & 0xffff;
    if (offset > 0 && offset < data.length) {
      return IcmpExtensions.parse(data, offset, data.length - offset);
    }
    int legacy = ORIGINAL_DATAGRAM - consumed;
    if (legacy > 0 && data.length > legacy + 4) {
      Optional<IcmpExtensions> found = IcmpExtensions.parse(data, legacy, data.length - legacy);
      return found.filter(IcmpExtensions::checksumValid);
    }
    return Optional.empty();
  }

  /** Asks the kernel for the RFC 4884 offset; older kernels simply do not report it. */
  static void request(NativeSocket s, boolean v6) {
    try {
      s.setInt(v6 ? io.netprobe.sockets.internal.libc.LibC.SOL_IPV6 : io.netprobe.sockets.internal.libc.LibC.SOL_IP,
          v6 ? IPV6_RECVERR_RFC4884 : IP_RECVERR_RFC4884, 1);
    } catch (ErrnoException olderKernel) {
      // the legacy 128-octet position still finds most extensions
    }
  }
}
