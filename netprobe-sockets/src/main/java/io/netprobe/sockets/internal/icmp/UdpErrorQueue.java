package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.NatStatus;
import io.netprobe.sockets.internal.icmp.TraceSocket.Answer;
import io.netprobe.sockets.internal.libc.LibC;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * What the unprivileged UDP trace sockets share: an unconnected UDP socket that gets the ICMP errors its probes
 * cause on its error queue ({@code IP_RECVERR}, with kernel timestamps and RFC 4884 extensions), and the reading of
 * that queue into answers. How an error names its probe (destination port, or a number in the payload) is the
 * caller's. Stateless; thread-safe.
 */
final class UdpErrorQueue {
  private UdpErrorQueue() {}

  /** Opens the socket; with {@code sourcePort} above 0 bound to it, else the kernel picks one at the first send. */
  static NativeSocket open(boolean v6, int sourcePort) throws ErrnoException {
    NativeSocket s = NativeSocket.open(v6, LibC.SOCK_DGRAM, LibC.IPPROTO_UDP);
    try {
      if (sourcePort > 0) {
        s.bind(sourcePort);
      }
      s.setInt(v6 ? LibC.SOL_IPV6 : LibC.SOL_IP, v6 ? LibC.IPV6_RECVERR : LibC.IP_RECVERR, 1);
      s.setInt(LibC.SOL_SOCKET, LibC.SO_TIMESTAMPNS, 1);
      ErrorQueueExtensions.request(s, v6);
      return s;
    } catch (ErrnoException e) {
      s.close();
      throw e;
    }
  }

  /**
   * Reads everything queued without blocking: ordinary datagrams are dropped, ICMP errors from a router or host
   * become answers (NAT not checked) for the probe {@code probeOf} finds, those it does not know (-1) are skipped.
   */
  static List<Answer> drain(NativeSocket socket, ToIntFunction<NativeSocket.Received> probeOf)
      throws ErrnoException {
    while (socket.receive(false) != null) {
      // a UDP answer from a service on the probed port: the error queue decides, so it is skipped
    }
    int consumed = (socket.isV6() ? 40 : 20) + 8;
    List<Answer> answers = new ArrayList<>();
    NativeSocket.Received r;
    while ((r = socket.receive(true)) != null) {
      if (r.ancillary().error().isEmpty()) {
        continue;
      }
      ExtendedError e = r.ancillary().error().get();
      int probe = probeOf.applyAsInt(r);
      if (!e.fromIcmp() || e.offender().isEmpty() || probe < 0) {
        continue;
      }
      answers.add(new Answer(probe, e.offender().get(), e.type(), e.code(), r.ancillary().kernelEpochNanos(),
          r.userNanoTime(), ErrorQueueExtensions.find(r.data(), e, consumed), NatStatus.NOT_CHECKED));
    }
    return answers;
  }
}
