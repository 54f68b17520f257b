/**
 * netprobe's socket backends: TCP connect, listening sockets (netlink sock_diag or /proc/net), ICMP ping and
 * traceroute. Exports nothing: use them through {@code io.netprobe.Probes}.
 */
module io.netprobe.sockets {
  requires io.netprobe.core;
  requires com.sun.jna;

  provides io.netprobe.spi.PingBackend with io.netprobe.sockets.internal.icmp.LinuxPingBackend;
  provides io.netprobe.spi.TracerouteBackend with io.netprobe.sockets.internal.icmp.LinuxTracerouteBackend;
  provides io.netprobe.spi.TcpConnectBackend with io.netprobe.sockets.internal.NioTcpConnectBackend;
  provides io.netprobe.spi.TcpConversationBackend with
      io.netprobe.sockets.internal.conversation.SocketConversationBackend;
  provides io.netprobe.spi.SocketTableBackend with
      io.netprobe.sockets.internal.table.NetlinkSocketTableBackend,
      io.netprobe.sockets.internal.table.ProcfsSocketTableBackend;
}
