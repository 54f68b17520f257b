package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsTransport;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import javax.annotation.Nullable;
import org.xbill.DNS.Message;

/**
 * One server asked over UDP on a shared {@link MuxSocket}, as {@link UdpExchanger} does on a socket of its own: the
 * query retransmitted {@code tries} times at even intervals inside the deadline (the loop's timers wake it), every
 * reply that is malformed or answers another question ignored while the wait goes on, a late reply to an earlier
 * transmission accepted. {@link #udpDone} hears the outcome exactly once unless withdrawn; either way the id is freed.
 *
 * <p>It is the base of the query that asks ({@link AsyncQuery}), which starts it once per server it asks over UDP, and
 * its own timer entry; the query is not kept on the wire while it waits but encoded again ({@link #encode}) for each
 * transmission and to match a reply: tens of thousands of queries wait at once, and each object one keeps alive is
 * copied by every young collection meanwhile. Confined to the loop thread.
 */
abstract class UdpAttempt extends LoopTimers.Timed {
  final UdpMux mux;
  private @Nullable UdpMux.Key key;
  private int tries;
  private @Nullable Deadline deadline;
  private @Nullable MuxSocket socket;
  /** The id the socket gave this attempt; -1 before it has one. */
  private int id = -1;
  private long start;
  private long interval;
  private int sent;
  private long lastSend;
  private @Nullable String ignored;
  private boolean finished = true;

  UdpAttempt(UdpMux mux) {
    this.mux = mux;
  }

  /** The query on the wire with this id. */
  abstract WireQuery encode(int id);

  /** The attempt's outcome, on the loop thread. */
  abstract void udpDone(Exchange e);

  /** Takes a socket to {@code key}'s server and an id and sends the first query; the attempt ends by {@code deadline}. */
  final void startUdp(UdpMux.Key key, int tries, Deadline deadline) {
    this.key = key;
    this.tries = tries;
    this.deadline = deadline;
    this.socket = null;
    this.id = -1;
    this.sent = 0;
    this.ignored = null;
    this.finished = false;
    start = System.nanoTime();
    interval = Math.max(1, deadline.remainingNanos() / tries);
    lastSend = start;
    MuxSocket s;
    try {
      s = mux.socketFor(key);
    } catch (IOException e) {
      finish(networkError(e));
      return;
    }
    int allocated = s.allocate(this);
    if (allocated < 0) {
      finish(new Exchange.NoAnswer(key.server(), ProbeFailure.of(FailureKind.NETWORK_ERROR,
          "65,536 queries are already waiting on one socket to " + Endpoints.describe(key.server())), 0));
      return;
    }
    socket = s;
    id = allocated;
    step();
  }

  /** The query this attempt waits for the answer of; null when it waits for none. */
  final @Nullable WireQuery waitingFor() {
    return finished || id < 0 ? null : encode(id);
  }

  /** Sends when a transmission is due, gives up at the deadline, and sets the timer for the next of these. */
  private void step() {
    if (finished) {
      return;
    }
    long now = System.nanoTime();
    if (sent < tries && now - (start + sent * interval) >= 0 && !deadline.isExpired()) {
      try {
        socket.send(encode(id).wire());
      } catch (PortUnreachableException e) {
        unreachable(e);
        return;
      } catch (IOException e) {
        finish(networkError(e));
        return;
      }
      sent++;
      lastSend = now;
    }
    if (deadline.isExpired()) {
      finish(new Exchange.NoAnswer(key.server(), UdpExchanger.silence(key.server(), sent, ignored), sent));
      return;
    }
    long wakeAt = sent < tries ? Math.min(start + sent * interval, deadline.nanoTime()) : deadline.nanoTime();
    try {
      mux.timers().at(wakeAt, this);
    } catch (IllegalStateException engineClosed) {
      finish(cancelled());
    }
  }

  /** The timer: a retransmission or the deadline is due. */
  @Override
  final void fire() {
    step();
  }

  /** A datagram whose id is this attempt's, at position 0 to {@code n} of {@code in}. */
  void datagram(ByteBuffer in, int n, long arrived) {
    // the id matched already; comparing the question on the wire spares decoding the name for the usual answer
    WireQuery wire = encode(id);
    boolean sameQuestion = wire.sameQuestionOnWire(in, n);
    boolean qr = (in.get(2) & 0x80) != 0;
    if (sameQuestion && qr) {
      byte[] bytes = Arrays.copyOf(in.array(), n);
      ReplyDecoder.Decoded decoded = ReplyDecoder.decode(bytes, n);
      if (decoded != null) {
        finish(new Exchange.Answered(key.server(), Reply.decoded(bytes, decoded), n,
            Duration.ofNanos(arrived - lastSend), DnsTransport.UDP, sent));
        return;
      }
    }
    Message response;
    try {
      response = new Message(Arrays.copyOf(in.array(), n));
    } catch (IOException malformed) {
      ignored = "a malformed reply of " + n + " bytes (" + Endpoints.reason(malformed) + ")";
      return;
    }
    String mismatch = sameQuestion && qr ? null
        : wire.mismatch(response);
    if (mismatch != null) {
      ignored = "a reply with " + mismatch;
      return;
    }
    finish(new Exchange.Answered(key.server(), response, n, Duration.ofNanos(arrived - lastSend), DnsTransport.UDP,
        sent));
  }

  /** Notes a reply that was not used, for the failure message if no answer comes. */
  final void ignored(String what) {
    ignored = what;
  }

  /** ICMP port unreachable: nothing listens there. */
  void unreachable(PortUnreachableException e) {
    finish(new Exchange.NoAnswer(key.server(), ProbeFailure.of(FailureKind.CONNECTION_REFUSED,
        "communications error to " + Endpoints.describe(key.server())
            + ": connection refused (ICMP port unreachable: no DNS server listens there)", e), Math.max(1, sent)));
  }

  void socketFailed(IOException e) {
    finish(networkError(e));
  }

  private Exchange networkError(IOException e) {
    return new Exchange.NoAnswer(key.server(), ProbeFailure.of(FailureKind.NETWORK_ERROR,
        "communications error to " + Endpoints.describe(key.server()) + ": " + e.getMessage(), e), sent);
  }

  private Exchange cancelled() {
    return new Exchange.NoAnswer(key.server(), ProbeFailure.of(FailureKind.CANCELLED, "the DNS client is closed"),
        sent);
  }

  private void finish(Exchange e) {
    if (finished) {
      return;
    }
    release();
    udpDone(e);
  }

  private void release() {
    finished = true;
    mux.timers().cancel(this);
    if (socket != null) {
      socket.release(id, this);
      socket = null;
    }
  }

  /** Withdraws the attempt, if it is still waiting: {@link #udpDone} is not called. */
  final void withdrawUdp() {
    if (!finished) {
      release();
    }
  }
}
