package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.sockets.internal.libc.LibC;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * What the echoes of one target gave ({@link HostEchoes}), filled by a {@link PingSession} or a {@link TcpPing}, and
 * helpers they share. Stateless.
 */
final class EchoSweep {
  private EchoSweep() {}

  /**
   * What one target got. Confined to the thread that fills it, then handed over with its future. A {@link
   * PingSession} is its own (one object fewer per ping in flight).
   */
  static class HostEchoes {
    final InetAddress address;
    int transmitted;
    int received;
    int duplicates;
    /** Made at the first reply or error: most pings of a sweep or a busy monitor wait with neither. */
    private @Nullable List<PingReply> replies;
    private @Nullable List<IcmpError> errors;
    @Nullable PingMethod method;

    HostEchoes(InetAddress address) {
      this.address = address;
    }

    void addReply(PingReply reply) {
      if (replies == null) {
        replies = new ArrayList<>(2);
      }
      replies.add(reply);
    }

    void addError(IcmpError error) {
      if (errors == null) {
        errors = new ArrayList<>(2);
      }
      errors.add(error);
    }

    List<PingReply> replies() {
      return replies == null ? List.of() : replies;
    }

    List<IcmpError> errors() {
      return errors == null ? List.of() : errors;
    }

    List<Duration> rtts() {
      return replies().stream().filter(r -> !r.duplicate()).map(PingReply::rtt).toList();
    }
  }

  /** A local error (the kernel refused to send): ICMP type -1, the errno as the code, in ping's words. */
  static IcmpError localError(int sequence, InetAddress target, int errno) {
    return new IcmpError(sequence, target, -1, errno, "local error: " + LibC.describe(errno));
  }

  static int family(InetAddress a) {
    return SocketAddresses.isV6(a) ? 1 : 0;
  }
}
