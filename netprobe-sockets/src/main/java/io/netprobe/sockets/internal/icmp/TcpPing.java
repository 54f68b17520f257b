package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.PingSpec;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.internal.NioTcpConnectBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The TCP-connect fallback, used only when the caller allowed it and ICMP is not permitted: times a TCP handshake
 * to the given port {@code count} times. A refused connection (RST) is an answer too, timed from connect to refusal,
 * the way {@code InetAddress.isReachable} treats it. Not ICMP: results are labelled TCP_CONNECT. Stateless;
 * thread-safe.
 */
final class TcpPing {
  private final NioTcpConnectBackend tcp = new NioTcpConnectBackend();

  EchoSweep.HostEchoes run(PingSpec spec, InetAddress address, int port, Deadline deadline) {
    EchoSweep.HostEchoes outcome = new EchoSweep.HostEchoes(address);
    long next = System.nanoTime();
    for (int n = 1; n <= spec.count() && !deadline.isExpired(); n++) {
      Deadline attempt = deadline.atMost(spec.replyTimeout());
      long start = System.nanoTime();
      TcpConnectResult r = tcp.connect(new TcpConnectSpec(Host.of(address), port, attempt.remaining()), attempt);
      long took = System.nanoTime() - start;
      outcome.transmitted++;
      boolean refused = r.failureKind().filter(k -> k == FailureKind.CONNECTION_REFUSED).isPresent();
      if (r.isSuccess() || refused) {
        outcome.received++;
        PingReply reply = new PingReply(n, address, -1, 0, r.connectTime().orElse(Duration.ofNanos(took)), false);
        outcome.addReply(reply);
        Listeners.reply(spec.listener(), reply);
      }
      next += spec.interval().toNanos();
      if (n < spec.count()) {
        long wait = Math.min(next - System.nanoTime(), deadline.remainingNanos());
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
      }
    }
    return outcome;
  }
}
