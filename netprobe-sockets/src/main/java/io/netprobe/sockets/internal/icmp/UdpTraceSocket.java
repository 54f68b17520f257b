package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.PingMethod;
import java.net.InetAddress;
import java.util.List;

/**
 * UDP probes like {@code traceroute}'s default, without privileges: one unconnected UDP socket with
 * {@code IP_RECVERR}, probe {@code n} sent to port {@code basePort + n} with a per-packet TTL, and the answers read
 * from the error queue, where the kernel gives the original destination (hence the probe) and the ICMP error with
 * its sender. Not thread-safe.
 */
final class UdpTraceSocket implements TraceSocket {
  private static final int PAYLOAD = 32;

  private final NativeSocket socket;
  private final int basePort;
  private final byte[] payload = new byte[PAYLOAD];

  private UdpTraceSocket(NativeSocket socket, int basePort) {
    this.socket = socket;
    this.basePort = basePort;
  }

  static UdpTraceSocket open(boolean v6, int basePort) throws ErrnoException {
    return new UdpTraceSocket(UdpErrorQueue.open(v6, 0), basePort);
  }

  @Override
  public PingMethod method() {
    return PingMethod.DATAGRAM_ICMP;
  }

  @Override
  public int send(InetAddress target, int probe, int ttl) {
    return socket.sendPastPendingError(target, port(probe), payload, ttl);
  }

  private int port(int probe) {
    return (basePort + probe - 1) % 65535 + 1;
  }

  @Override
  public List<Answer> drain() throws ErrnoException {
    return UdpErrorQueue.drain(socket,
        r -> r.from().map(from -> Math.floorMod(from.getPort() - basePort, 65535)).orElse(-1));
  }

  @Override
  public NativeSocket nativeSocket() {
    return socket;
  }

  @Override
  public void close() {
    socket.close();
  }
}
