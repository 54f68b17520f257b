package io.netprobe.icmp;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe sent with a given TTL and what came back: an address and RTT, or nothing ({@code *}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param from who answered; empty when the probe went unanswered
 * @param rtt the round-trip time; empty when unanswered
 * @param icmpType the ICMP type of the answer (11 time exceeded, 3 destination unreachable, 0 echo reply; ICMPv6
 *     numbers for IPv6; {@link #TCP_ANSWER} for a TCP probe's answer from the destination); -1 when unanswered
 * @param icmpCode the ICMP code; for a {@link #TCP_ANSWER} the TCP flags ({@link #SYN_ACK} or {@link #RST} with
 *     ACK); -1 when unanswered
 * @param extensions the ICMP extensions (RFC 4884: MPLS labels, interface information) the answer carried, when any
 * @param nat whether the router's quote shows the probe's source rewritten by a NAT
 */
public record HopProbe(Optional<InetAddress> from, Optional<Duration> rtt, int icmpType, int icmpCode,
    Optional<IcmpExtensions> extensions, NatStatus nat) {
  /** The {@code icmpType} of a TCP segment that answered a TCP probe: not ICMP, outside ICMP's 0–255. */
  public static final int TCP_ANSWER = 256;
  /** TCP flags SYN and ACK: the probed port is open. */
  public static final int SYN_ACK = 0x12;
  /** The TCP flag RST: the probed port is closed (usually sent with ACK, 0x14). */
  public static final int RST = 0x04;

  /** An answer without ICMP extensions, not checked for NAT. */
  public HopProbe(Optional<InetAddress> from, Optional<Duration> rtt, int icmpType, int icmpCode) {
    this(from, rtt, icmpType, icmpCode, Optional.empty(), NatStatus.NOT_CHECKED);
  }

  /** An answer not checked for NAT. */
  public HopProbe(Optional<InetAddress> from, Optional<Duration> rtt, int icmpType, int icmpCode,
      Optional<IcmpExtensions> extensions) {
    this(from, rtt, icmpType, icmpCode, extensions, NatStatus.NOT_CHECKED);
  }

  public HopProbe {
    Objects.requireNonNull(extensions, "extensions");
    Objects.requireNonNull(nat, "nat");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(rtt, "rtt");
  }

  /** An unanswered probe: traceroute's {@code *}. */
  public static HopProbe silent() {
    return new HopProbe(Optional.empty(), Optional.empty(), -1, -1);
  }

  public boolean answered() {
    return from.isPresent();
  }

  /**
   * Whether this answer ends a trace to {@code destination}, as traceroute decides: an echo reply, any answer from
   * the destination other than time exceeded (a UDP probe's port unreachable), or a router's destination-unreachable
   * that traceroute annotates ({@code !H}, {@code !N}, …). Time exceeded from a router, and silence, do not.
   */
  public boolean endsTrace(InetAddress destination) {
    if (from.isEmpty()) {
      return false;
    }
    boolean v6 = IcmpCodes.isV6(from.get());
    return IcmpCodes.isEchoReply(v6, icmpType) || reaches(destination)
        || !IcmpCodes.annotation(v6, icmpType, icmpCode).isEmpty();
  }

  /** Whether the destination itself answered (anything but time exceeded from its address). */
  boolean reaches(InetAddress destination) {
    return from.isPresent() && Arrays.equals(from.get().getAddress(), destination.getAddress())
        && !IcmpCodes.isTimeExceeded(IcmpCodes.isV6(from.get()), icmpType);
  }

  /** Traceroute's annotation of this answer; empty when unanswered or when traceroute prints none. */
  String annotation() {
    return from.isEmpty() ? "" : IcmpCodes.annotation(IcmpCodes.isV6(from.get()), icmpType, icmpCode);
  }
}
