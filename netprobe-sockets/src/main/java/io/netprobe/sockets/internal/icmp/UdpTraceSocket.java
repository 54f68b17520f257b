package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.PingMethod;
import io.netprobe.sockets.internal.libc.LibC;
import java.net.InetAddress;
import java.util.ArrayList;
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
    NativeSocket s = NativeSocket.open(v6, LibC.SOCK_DGRAM, LibC.IPPROTO_UDP);
    try {
      s.setInt(v6 ? LibC.SOL_IPV6 : LibC.SOL_IP, v6 ? LibC.IPV6_RECVERR : LibC.IP_RECVERR, 1);
      s.setInt(LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, 1);
      ErrorQueueExtensions.request(s, v6);
      return new UdpTraceSocket(s, basePort);
    } catch (ErrnoException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public PingMethod method() {
    return PingMethod.DATAGRAM_ICMP;
  }

  @Override
  public int send(InetAddress target, int probe, int ttl) {
    int errno = socket.send(target, port(probe), payload, ttl);
    if (errno != 0 && NativeSocket.isPendingIcmpError(errno)) {
      errno = socket.send(target, port(probe), payload, ttl);
    }
    return errno;
  }

  private int port(int probe) {
    return (basePort + probe - 1) % 65535 + 1;
  }

  @Override
  public List<Answer> drain() throws ErrnoException {
    while (socket.receive(false) != null) {
      // a UDP answer from a service on the probed port: the error queue decides, so it is skipped
    }
    List<Answer> answers = new ArrayList<>();
    NativeSocket.Received r;
    while ((r = socket.receive(true)) != null) {
      if (r.ancillary().error().isEmpty() || r.from().isEmpty()) {
        continue;
      }
      ExtendedError e = r.ancillary().error().get();
      if (!e.fromIcmp() || e.offender().isEmpty()) {
        continue;
      }
      int probe = Math.floorMod(r.from().get().getPort() - basePort, 65535);
      answers.add(new Answer(probe, e.offender().get(), e.type(), e.code(), r.ancillary().kernelEpochNanos(),
          r.userNanoTime(), ErrorQueueExtensions.find(r.data(), e, (socket.isV6() ? 40 : 20) + 8),
          io.netprobe.icmp.NatStatus.NOT_CHECKED));
    }
    return answers;
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
