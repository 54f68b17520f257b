package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsTransport;
import io.netprobe.spi.ProbeEngine;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import javax.annotation.Nullable;
import org.xbill.DNS.Message;

/**
 * One server asked over UDP on a shared {@link MuxSocket}, as {@link UdpExchanger} does on a socket of its own: the
 * query retransmitted {@code tries} times at even intervals inside the deadline (the engine timer wakes it), every
 * reply that is malformed or answers another question ignored while the wait goes on, a late reply to an earlier
 * transmission accepted. Completes {@code done} exactly once unless cancelled; either way its id is freed. It is its
 * own timer task (no lambda per attempt in flight). Confined to the loop thread.
 */
final class UdpAttempt implements AsyncQuery.Step, Runnable {
  private final UdpMux mux;
  private final UdpMux.Key key;
  private final IntFunction<WireQuery> encode;
  private final int tries;
  private final Deadline deadline;
  private final Consumer<Exchange> done;
  private @Nullable MuxSocket socket;
  private @Nullable WireQuery wire;
  private long start;
  private long interval;
  private int sent;
  private long lastSend;
  private @Nullable String ignored;
  private @Nullable ProbeEngine.Cancellable timer;
  private boolean finished;

  UdpAttempt(UdpMux mux, UdpMux.Key key, IntFunction<WireQuery> encode, int tries, Deadline deadline,
      Consumer<Exchange> done) {
    this.mux = mux;
    this.key = key;
    this.encode = encode;
    this.tries = tries;
    this.deadline = deadline;
    this.done = done;
  }

  /** Takes a socket and an id and sends the first query. */
  void start() {
    start = System.nanoTime();
    interval = Math.max(1, deadline.remainingNanos() / tries);
    lastSend = start;
    try {
      socket = mux.socketFor(key);
    } catch (IOException e) {
      finish(networkError(e));
      return;
    }
    int id = socket.allocate(this);
    if (id < 0) {
      socket = null;
      finish(new Exchange.NoAnswer(key.server(), ProbeFailure.of(FailureKind.NETWORK_ERROR,
          "65,536 queries are already waiting on one socket to " + Endpoints.describe(key.server())), 0));
      return;
    }
    wire = encode.apply(id);
    step();
  }

  @Nullable WireQuery wire() {
    return wire;
  }

  /** Sends when a transmission is due, gives up at the deadline, and sets the timer for the next of these. */
  private void step() {
    if (finished) {
      return;
    }
    long now = System.nanoTime();
    if (sent < tries && now - (start + sent * interval) >= 0 && !deadline.isExpired()) {
      try {
        socket.send(wire.wire());
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
      timer = mux.timers().at(wakeAt, this);
    } catch (IllegalStateException engineClosed) {
      finish(cancelled());
    }
  }

  /** The timer's task: a retransmission or the deadline is due. */
  @Override
  public void run() {
    step();
  }

  /** A datagram whose id is this attempt's, at position 0 to {@code n} of {@code in}. */
  void datagram(ByteBuffer in, int n, long arrived) {
    // the id matched already; comparing the question on the wire spares decoding the name for the usual answer
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
  void ignored(String what) {
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
    done.accept(e);
  }

  private void release() {
    finished = true;
    if (timer != null) {
      timer.cancel();
    }
    if (socket != null && wire != null) {
      socket.release(wire.id(), this);
    }
  }

  @Override
  public void cancel() {
    if (!finished) {
      release();
    }
  }
}
