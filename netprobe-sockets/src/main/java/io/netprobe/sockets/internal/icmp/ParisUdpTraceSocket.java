package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.NatStatus;
import io.netprobe.icmp.PingMethod;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Flow-stable UDP probes (Paris traceroute) without privileges: one unconnected UDP socket whose source port the
 * kernel fixes at the first send, every probe to the same destination port, so that the 5-tuple a per-flow load
 * balancer hashes never changes. The probe number travels in the payload with its one's complement beside it, so
 * the UDP checksum is the same for every probe as well. The error queue returns the quoted payload, hence the probe.
 * For an all-paths trace, {@link #send(InetAddress, int, int, int)} picks the flow by destination port. With a raw
 * ICMP socket allowed, a {@link QuoteWatcher} also checks each answer's quote for a NAT. Not thread-safe.
 */
final class ParisUdpTraceSocket implements FlowTraceSocket {
  static final int PAYLOAD = 32;
  private static final byte[] MAGIC = {'n', 'p', 'r', 'b'};

  private final NativeSocket socket;
  private final int port;
  private final byte[] payload = new byte[PAYLOAD];
  private @Nullable QuoteWatcher quotes;
  private boolean quotesTried;
  private int sourcePort = -1;

  private ParisUdpTraceSocket(NativeSocket socket, int port) {
    this.socket = socket;
    this.port = port;
    System.arraycopy(MAGIC, 0, payload, 4, MAGIC.length);
  }

  /** Opens the socket; with {@code sourcePort} above 0 bound to it, else the kernel picks one at the first send. */
  static ParisUdpTraceSocket open(boolean v6, int port, int sourcePort) throws ErrnoException {
    return new ParisUdpTraceSocket(UdpErrorQueue.open(v6, sourcePort), port);
  }

  @Override
  public PingMethod method() {
    return PingMethod.DATAGRAM_ICMP;
  }

  @Override
  public int send(InetAddress target, int probe, int ttl) {
    return send(target, probe, ttl, 0);
  }

  /** Sends probe {@code probe} (0–65535) on flow {@code flow}: destination port {@code port + flow}. */
  @Override
  public int send(InetAddress target, int probe, int ttl, int flow) {
    stamp(payload, probe);
    int destination = (port + flow - 1) % 65535 + 1;
    if (!quotesTried && flow == 0) {
      quotesTried = true;
      quotes = QuoteWatcher.open(target, destination);
    }
    int errno = socket.sendPastPendingError(target, destination, payload, ttl);
    if (sourcePort < 0 && errno == 0) {
      try {
        sourcePort = socket.localPort();
      } catch (ErrnoException e) {
        sourcePort = 0;
      }
    }
    return errno;
  }

  /** Writes the probe number and its complement: their one's-complement sum is 0xffff whatever the number. */
  static void stamp(byte[] payload, int probe) {
    payload[0] = (byte) (probe >>> 8);
    payload[1] = (byte) probe;
    payload[2] = (byte) ~(probe >>> 8);
    payload[3] = (byte) ~probe;
  }

  /** The probe number a quoted payload carries, or -1 when it is not one of ours (or quoted too short). */
  static int probeOf(byte[] quoted) {
    if (quoted.length < 4 + MAGIC.length) {
      return -1;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (quoted[4 + i] != MAGIC[i]) {
        return -1;
      }
    }
    int probe = IcmpPacket.getShort(quoted, 0);
    return (probe ^ IcmpPacket.getShort(quoted, 2)) == 0xffff ? probe : -1;
  }

  @Override
  public List<Answer> drain() throws ErrnoException {
    List<Answer> answers = UdpErrorQueue.drain(socket, r -> probeOf(r.data()));
    if (quotes != null && !answers.isEmpty()) {
      Map<Integer, NatStatus> nat = quotes.drain(sourcePort);
      answers.replaceAll(a -> new Answer(a.probe(), a.from(), a.type(), a.code(), a.kernelEpochNanos(),
          a.userNanoTime(), a.extensions(), nat.getOrDefault(a.probe(), NatStatus.NOT_CHECKED)));
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
    if (quotes != null) {
      quotes.close();
    }
  }
}
