package io.netprobe.icmp;

import io.netprobe.core.FailureKind;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An ICMP error received instead of an echo reply (e.g. {@code From 10.0.0.1 icmp_seq=3 Destination Host
 * Unreachable}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence the sequence of the probe it answers
 * @param source who sent the error
 * @param type the ICMP (or ICMPv6) type; -1 for a local error (the kernel refused to send)
 * @param code the ICMP code; for a local error, the Linux errno
 * @param description ping's wording, e.g. "Destination Host Unreachable"
 */
public record IcmpError(int sequence, InetAddress source, int type, int code, String description) {
  public IcmpError {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(description, "description");
  }

  /**
   * The error a router (or the destination) sent, in ping's words for its address family: every backend and fake
   * builds ICMP errors this way, so that the same type and code read the same everywhere.
   *
   * @throws IllegalArgumentException when {@code type} or {@code code} is not between 0 and 255 (a local error has no
   *     ICMP wording: give its description to the constructor)
   */
  public static IcmpError of(int sequence, InetAddress source, int type, int code) {
    if (type < 0 || type > 255 || code < 0 || code > 255) {
      throw new IllegalArgumentException("ICMP type " + type + " and code " + code + " must be between 0 and 255");
    }
    return new IcmpError(sequence, source, type, code, IcmpCodes.describe(IcmpCodes.isV6(source), type, code));
  }

  /**
   * The failure of a ping that got only this error: NETWORK_UNREACHABLE, HOST_UNREACHABLE (also for time
   * exceeded), PERMISSION_DENIED for a local EACCES or EPERM, NETWORK_ERROR otherwise.
   */
  public FailureKind failureKind() {
    return IcmpCodes.kind(IcmpCodes.isV6(source), type, code);
  }
}
