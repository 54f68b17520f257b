package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.IcmpExtensions;
import io.netprobe.icmp.NatStatus;
import io.netprobe.icmp.PingMethod;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Sends traceroute probes with a given TTL and reports what answered each. Owned by one trace on one thread; not
 * thread-safe.
 */
interface TraceSocket extends AutoCloseable {

  /**
   * An answer to probe number {@code probe}: an ICMP error from a router or the destination (time exceeded,
   * unreachable), or an echo reply ({@code type} 0 / 129), with the ICMP extensions it carried and what its quote says about NAT.
   */
  record Answer(int probe, InetAddress from, int type, int code, long kernelEpochNanos, long userNanoTime,
      Optional<IcmpExtensions> extensions, NatStatus nat) {
    Answer(int probe, InetAddress from, int type, int code, long kernelEpochNanos, long userNanoTime) {
      this(probe, from, type, code, kernelEpochNanos, userNanoTime, Optional.empty(), NatStatus.NOT_CHECKED);
    }
  }

  PingMethod method();

  /** Sends probe number {@code probe} (0-based) with {@code ttl}; returns 0 or the errno. */
  int send(InetAddress target, int probe, int ttl);

  /** Everything answered so far, without blocking. */
  List<Answer> drain() throws ErrnoException;

  NativeSocket nativeSocket();

  /** Every socket the trace reads answers from (the reactor polls them all). */
  default List<NativeSocket> nativeSockets() {
    return List.of(nativeSocket());
  }

  @Override
  void close();
}
