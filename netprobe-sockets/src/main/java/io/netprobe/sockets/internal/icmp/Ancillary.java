package io.netprobe.sockets.internal.icmp;

import io.netprobe.sockets.internal.libc.LibC;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Optional;

/**
 * What the control messages of one {@code recvmsg} said: the received TTL / hop limit, the kernel's receive time
 * ({@code SO_TIMESTAMPNS}) and a queued error ({@code IP_RECVERR}). Parsed from the Linux LP64 {@code cmsghdr} layout
 * (length as size_t, level, type, data at 16, 8-byte alignment).
 *
 * <p>Immutable and thread-safe.
 *
 * @param ttl the TTL or hop limit of the received packet, -1 when not reported
 * @param kernelEpochNanos the kernel's receive time in nanoseconds since the epoch, -1 when not reported
 * @param error the extended error, for messages read from the error queue
 * @param timestampingEpochNanos the software timestamp of {@code SO_TIMESTAMPING} (for a transmit timestamp from the
 *     error queue: when the packet left), -1 when not reported
 */
record Ancillary(int ttl, long kernelEpochNanos, Optional<ExtendedError> error, long timestampingEpochNanos) {
  static final Ancillary NONE = new Ancillary(-1, -1, Optional.empty(), -1);
  private static final int HEADER = 16;

  Ancillary {
    Objects.requireNonNull(error, "error");
  }

  static Ancillary parse(byte[] control, int length) {
    int ttl = -1;
    long time = -1;
    long stamped = -1;
    Optional<ExtendedError> error = Optional.empty();
    ByteBuffer b = ByteBuffer.wrap(control).order(ByteOrder.nativeOrder());
    int offset = 0;
    while (offset + HEADER <= length) {
      long cmsgLength = b.getLong(offset);
      if (cmsgLength < HEADER || offset + cmsgLength > length) {
        break;
      }
      int level = b.getInt(offset + 8);
      int type = b.getInt(offset + 12);
      int data = offset + HEADER;
      int dataLength = (int) cmsgLength - HEADER;
      if (level == LibC.SOL_SOCKET && type == LibC.SO_TIMESTAMPNS && dataLength >= 16) {
        time = b.getLong(data) * 1_000_000_000L + b.getLong(data + 8);
      } else if (level == LibC.SOL_SOCKET && type == LibC.SO_TIMESTAMPING && dataLength >= 16) {
        stamped = b.getLong(data) * 1_000_000_000L + b.getLong(data + 8); // ts[0]: the software timestamp
      } else if ((level == LibC.SOL_IP && type == LibC.IP_TTL || level == LibC.SOL_IPV6 && type == LibC.IPV6_HOPLIMIT)
          && dataLength >= 4) {
        ttl = b.getInt(data);
      } else if (level == LibC.SOL_IP && type == LibC.IP_RECVERR
          || level == LibC.SOL_IPV6 && type == LibC.IPV6_RECVERR) {
        error = ExtendedError.parse(control, data, dataLength);
      }
      offset += (int) ((cmsgLength + 7) & ~7L);
    }
    return new Ancillary(ttl, time, error, stamped);
  }
}
