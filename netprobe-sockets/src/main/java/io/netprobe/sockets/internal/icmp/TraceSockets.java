package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.icmp.TracerouteSpec;

/**
 * Which probe socket a trace uses, by mode and strategy: UDP with fixed ports ({@link ParisUdpTraceSocket}) or
 * classic per-probe ports ({@link UdpTraceSocket}); ICMP echo with a constant checksum or classic. Dublin's probes
 * need a raw UDP socket that writes the IP identification, which this backend does not have. Pure functions;
 * thread-safe.
 */
final class TraceSockets {
  private TraceSockets() {}

  /** Why {@code spec} cannot be traced here, or null. */
  static String unsupported(TracerouteSpec spec) {
    if (spec.strategy() == TraceStrategy.DUBLIN) {
      return "the DUBLIN strategy puts the probe number in the IP identification, which needs a raw socket that "
          + "writes the IP header; this backend has none (use PARIS, the default, or CLASSIC)";
    }
    if (spec.allPaths().isPresent() && spec.mode() != TraceMode.UDP) {
      return "all-paths traces (MDA) vary the flow by UDP destination port; use UDP mode";
    }
    return null;
  }

  static TraceSocket open(TracerouteSpec spec, boolean v6, SocketPolicy policy)
      throws ErrnoException, IcmpDeniedException {
    boolean paris = spec.strategy() == TraceStrategy.PARIS;
    if (spec.mode() == TraceMode.UDP) {
      return paris ? ParisUdpTraceSocket.open(v6, spec.port(), spec.sourcePort()) : UdpTraceSocket.open(v6, spec.port());
    }
    return new EchoTraceSocket(EchoSocket.open(v6, policy, -1, false), paris);
  }
}
