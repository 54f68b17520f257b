package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TraceStrategy;
import io.netprobe.icmp.TracerouteSpec;
import java.io.IOException;
import java.net.InetAddress;

/**
 * Which probe socket a trace uses, by mode and strategy: UDP with fixed ports ({@link ParisUdpTraceSocket}) or
 * classic per-probe ports ({@link UdpTraceSocket}); ICMP echo with a constant checksum or classic; TCP SYNs from one
 * source port or one per probe ({@link TcpTraceSocket}, raw sockets); Dublin's UDP probes with the probe number in
 * the IPv4 identification ({@link DublinUdpTraceSocket}, raw sockets). Pure functions; thread-safe.
 */
final class TraceSockets {
  /** Why a TCP trace without CAP_NET_RAW cannot run, and what runs instead. */
  static final String TCP_NEEDS_RAW = "TCP traceroute writes its SYN probes through a raw socket, which needs "
      + "CAP_NET_RAW (run as root, or grant the capability: setcap cap_net_raw+ep on the java binary, or "
      + "AmbientCapabilities=CAP_NET_RAW in a systemd unit); UDP mode, the default, and ICMP mode need no privileges";

  private TraceSockets() {}

  /** Why a DUBLIN trace without CAP_NET_RAW cannot run, and what runs instead. */
  static final String DUBLIN_NEEDS_RAW = "the DUBLIN strategy writes whole IP datagrams (the probe number in the IP "
      + "identification) through a raw socket, which needs CAP_NET_RAW; PARIS, the default, keeps the flow as well "
      + "without privileges";

  /** Why {@code spec} cannot be traced to {@code target} here, or null. */
  static String unsupported(TracerouteSpec spec, InetAddress target) {
    if (spec.strategy() == TraceStrategy.DUBLIN && spec.allPaths().isEmpty()) {
      if (spec.mode() != TraceMode.UDP) {
        return "the DUBLIN strategy sends UDP probes; use PARIS or CLASSIC for " + spec.mode() + " probes";
      }
      if (SocketAddresses.isV6(target)) {
        return "the DUBLIN strategy marks probes by the IPv4 identification, which IPv6 has not (use PARIS, the "
            + "default, which keeps the flow over IPv6 too)";
      }
    }
    return null;
  }

  /**
   * Opens the socket of a single-path trace.
   *
   * @throws ErrnoException EPERM/EACCES for TCP without CAP_NET_RAW, or when configuring a socket failed
   * @throws IOException for TCP, when no route leads to the target or the source port is taken
   */
  static TraceSocket open(TracerouteSpec spec, InetAddress target, SocketPolicy policy)
      throws ErrnoException, IcmpDeniedException, IOException {
    boolean paris = spec.strategy() == TraceStrategy.PARIS;
    boolean v6 = SocketAddresses.isV6(target);
    switch (spec.mode()) {
      case UDP:
        if (spec.strategy() == TraceStrategy.DUBLIN) {
          return DublinUdpTraceSocket.open(target, spec.port(), spec.sourcePort());
        }
        return paris ? ParisUdpTraceSocket.open(v6, spec.port(), spec.sourcePort())
            : UdpTraceSocket.open(v6, spec.port());
      case TCP:
        return TcpTraceSocket.open(target, spec.port(), spec.sourcePort(), paris);
      default:
        return new EchoTraceSocket(EchoSocket.open(v6, policy, -1, false), paris);
    }
  }

  /** Opens the socket of an all-paths trace: every flow flow-stable, the flows told apart by the mode's field. */
  static FlowTraceSocket openFlows(TracerouteSpec spec, InetAddress target, SocketPolicy policy)
      throws ErrnoException, IcmpDeniedException, IOException {
    boolean v6 = SocketAddresses.isV6(target);
    switch (spec.mode()) {
      case UDP:
        return ParisUdpTraceSocket.open(v6, spec.port(), spec.sourcePort());
      case TCP:
        return TcpTraceSocket.open(target, spec.port(), spec.sourcePort(), true);
      default:
        return new EchoTraceSocket(EchoSocket.open(v6, policy, -1, false), true);
    }
  }
}
