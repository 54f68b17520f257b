package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.NatStatus;
import io.netprobe.icmp.PingMethod;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * ICMP echo probes like {@code traceroute -I}: probe {@code n} is an echo request with sequence {@code n + 1} and a
 * per-packet TTL, over a datagram ICMP socket (answers from the error queue) or a raw one (answers quoted inline),
 * with the RFC 4884 extensions of each error. For an all-paths trace, {@link #send(InetAddress, int, int, int)}
 * picks the flow by the ICMP checksum ({@link FlowStableEcho}). Not thread-safe.
 */
final class EchoTraceSocket implements FlowTraceSocket {
  private static final int PAYLOAD = 32;

  private final EchoSocket socket;
  private final byte[] echo;
  private final boolean flowStable;

  EchoTraceSocket(EchoSocket socket) {
    this(socket, false);
  }

  /** With {@code flowStable}, every probe has the same ICMP checksum ({@link FlowStableEcho}). */
  EchoTraceSocket(EchoSocket socket, boolean flowStable) {
    this.socket = socket;
    this.echo = socket.newEcho(PAYLOAD);
    this.flowStable = flowStable;
    if (socket.method() == PingMethod.DATAGRAM_ICMP) {
      ErrorQueueExtensions.request(socket.nativeSocket(), socket.isV6());
    }
  }

  @Override
  public PingMethod method() {
    return socket.method();
  }

  @Override
  public int send(InetAddress target, int probe, int ttl) {
    if (flowStable) {
      FlowStableEcho.compensate(echo, (probe + 1) & 0xffff);
    }
    return socket.send(target, echo, (probe + 1) & 0xffff, ttl);
  }

  @Override
  public int send(InetAddress target, int probe, int ttl, int flow) {
    FlowStableEcho.compensate(echo, (probe + 1) & 0xffff);
    FlowStableEcho.flow(echo, flow);
    return socket.send(target, echo, (probe + 1) & 0xffff, ttl);
  }

  @Override
  public List<Answer> drain() throws ErrnoException {
    List<Answer> answers = new ArrayList<>();
    for (EchoSocket.Event e : socket.drain()) {
      if (e instanceof EchoSocket.Reply) {
        EchoSocket.Reply r = (EchoSocket.Reply) e;
        int probe = (r.sequence() - 1) & 0xffff;
        answers.add(new Answer(probe, r.source(), socket.isV6() ? IcmpPacket.ECHO_REPLY_V6 : IcmpPacket.ECHO_REPLY_V4,
            0, r.kernelEpochNanos(), r.userNanoTime()));
      } else if (e instanceof EchoSocket.Error) {
        EchoSocket.Error r = (EchoSocket.Error) e;
        int probe = (r.sequence() - 1) & 0xffff;
        if (r.type() >= 0) {
          answers.add(new Answer(probe, r.source(), r.type(), r.code(), r.kernelEpochNanos(), r.userNanoTime(),
              r.extensions(), NatStatus.NOT_CHECKED));
        }
      }
    }
    return answers;
  }

  @Override
  public NativeSocket nativeSocket() {
    return socket.nativeSocket();
  }

  @Override
  public void close() {
    socket.close();
  }
}
