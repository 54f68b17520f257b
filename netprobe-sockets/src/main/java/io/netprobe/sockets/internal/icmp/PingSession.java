package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.RttSource;
import io.netprobe.sockets.internal.libc.LibC;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.netprobe.internal.engine.NotifyingFuture;
import io.netprobe.spi.ProbeEngine;
import javax.annotation.Nullable;

/**
 * The echoes of one probe to one address, driven by its family's {@link EchoReactor}: echo n is due at the first
 * send time + (n-1) × interval, each waits for its reply timeout, the whole session ends when every echo is answered
 * or lost, or at the deadline. Replies and errors are matched as {@code ping} does (by sequence and source), a reply
 * later than its reply timeout counts as lost, a second reply as a duplicate; the listener hears each as it is
 * matched, on the reactor thread. {@link #future} completes with what the wire gave, or exceptionally with {@link
 * IcmpDeniedException} / {@link ErrnoException} when no socket could be opened, or {@link IllegalStateException}
 * when the backend closed. Reactor-thread confined, except {@link #cancel()} and {@link #bind}.
 */
final class PingSession {
  /** A kernel RTT more than this above the user-space one means the clocks disagree; the user RTT is used. */
  private static final long CLOCK_DISAGREEMENT_NANOS = 2_000_000;
  /** A transmit timestamp later than this after the wall-clock send time is taken for another packet's. */
  private static final long LATEST_TRANSMIT_NANOS = 100_000_000;
  private static final long SEQUENCES_BUSY_RETRY_NANOS = 1_000_000;
  private static final long SEND_BUFFER_FULL_RETRY_NANOS = 200_000;

  private enum State { PENDING, ANSWERED, LOST }

  /** One echo request in flight (or answered, or lost). Reactor thread only. */
  static final class Echo {
    final PingSession session;
    final int number;
    final EchoReactor.Channel channel;
    int sequence;
    long sentNano;
    long sentEpochNanos;
    long transmitEpochNanos = -1;
    State state = State.PENDING;
    @Nullable EchoReactor.Timer timeout;

    Echo(PingSession session, int number, EchoReactor.Channel channel) {
      this.session = session;
      this.number = number;
      this.channel = channel;
    }

    boolean pending() {
      return state == State.PENDING && !session.done;
    }

    /** A transmit timestamp: kept when it is plausibly this echo's (taken during its {@code sendmsg}). */
    void onTransmitted(long kernelEpochNanos) {
      if (transmitEpochNanos < 0 && !session.done) {
        long offset = kernelEpochNanos - sentEpochNanos;
        if (offset >= -CLOCK_DISAGREEMENT_NANOS && offset <= LATEST_TRANSMIT_NANOS) {
          transmitEpochNanos = kernelEpochNanos;
        }
      }
    }
  }

  final NotifyingFuture<EchoSweep.HostEchoes> future = new NotifyingFuture<>();
  final InetAddress address;
  private final EchoKey key;
  private final int count;
  private final long intervalNanos;
  private final long replyTimeoutNanos;
  private final int payloadSize;
  private final int ttl;
  private final PingListener listener;
  private final Deadline deadline;
  private final long firstSendNano;
  private final EchoSweep.HostEchoes outcome;
  private volatile @Nullable EchoReactor reactor;
  /** The engine whose completion executor this session's completion goes to, batched per reactor turn. */
  volatile @Nullable ProbeEngine engine;
  private volatile boolean cancelled;

  @Nullable EchoReactor.Channel channel;
  private byte[] packet = new byte[0];
  private final List<Echo> echoes;
  private int sent;
  private int outstanding;
  private boolean started;
  private boolean done;
  private @Nullable EchoReactor.Timer deadlineTimer;
  private @Nullable EchoReactor.Timer sendTimer;

  PingSession(InetAddress address, EchoKey key, int count, Duration interval, Duration replyTimeout, int payloadSize,
      int ttl, PingListener listener, Deadline deadline, long firstSendNano) {
    this.address = address;
    this.key = key;
    this.count = count;
    // sized to the echoes this session sends (at most the default ten): a one-echo ping keeps one slot, not ten
    this.echoes = new ArrayList<>(Math.min(Math.max(count, 1), 10));
    this.intervalNanos = interval.toNanos();
    this.replyTimeoutNanos = replyTimeout.toNanos();
    this.payloadSize = payloadSize;
    this.ttl = ttl;
    this.listener = listener;
    this.deadline = deadline;
    this.firstSendNano = firstSendNano;
    this.outcome = new EchoSweep.HostEchoes(address);
  }

  boolean isV6() {
    return SocketAddresses.isV6(address);
  }

  /** Hands the session to its reactor (before {@link #start} is queued there). */
  void bind(EchoReactor reactor) {
    this.reactor = reactor;
  }

  /** Withdraws the session from any thread: its timers stop and its sequence numbers are freed. */
  void cancel() {
    cancelled = true;
    EchoReactor r = reactor;
    if (r != null) {
      r.execute(() -> {
        if (started && !done) {
          finish();
        }
      });
    }
  }

  /** On the reactor: opens (or reuses) the socket and schedules the first echo and the deadline. */
  void start() {
    EchoReactor r = reactor;
    started = true;
    r.register(this);
    if (cancelled) {
      finish();
      return;
    }
    if (r.isClosing()) {
      abort("the ICMP backend was closed");
      return;
    }
    try {
      channel = r.channel(key);
    } catch (IcmpDeniedException | ErrnoException e) {
      done = true;
      r.finished(this);
      future.completeExceptionally(e);
      return;
    }
    channel.users++;
    packet = channel.socket.newEcho(payloadSize);
    outcome.method = channel.socket.method();
    long lastPossibleEnd = firstSendNano + (count - 1) * intervalNanos + replyTimeoutNanos;
    if (deadline.nanoTime() - lastPossibleEnd < 0) {
      deadlineTimer = r.schedule(deadline.nanoTime(), this::finish);
    }
    if (firstSendNano - System.nanoTime() <= 0) {
      sendNext();
    } else {
      sendTimer = r.schedule(firstSendNano, this::sendNext);
    }
  }

  private void sendNext() {
    if (done) {
      return;
    }
    if (deadline.isExpired()) {
      finish(); // retries (sequence numbers or send buffer exhausted) may outlast a deadline with no timer
      return;
    }
    EchoReactor r = reactor;
    Echo echo = new Echo(this, sent + 1, channel);
    int sequence = r.allocate(echo);
    if (sequence < 0) {
      sendTimer = r.schedule(System.nanoTime() + SEQUENCES_BUSY_RETRY_NANOS, this::sendNext);
      return;
    }
    echo.sequence = sequence;
    echoes.add(echo);
    sent++;
    outcome.transmitted++;
    outstanding++;
    Instant wall = Instant.now();
    echo.sentNano = System.nanoTime();
    echo.sentEpochNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
    echo.timeout = r.schedule(echo.sentNano + replyTimeoutNanos, () -> timedOut(echo));
    int errno = r.send(channel, echo, address, packet, ttl);
    if (errno == LibC.EAGAIN) {
      // the socket's send buffer is full: nothing went out; take the echo back and try again shortly
      echoes.remove(echoes.size() - 1);
      sent--;
      outcome.transmitted--;
      outstanding--;
      echo.timeout.cancel();
      echo.state = State.LOST;
      r.release(sequence, echo);
      sendTimer = r.schedule(System.nanoTime() + SEND_BUFFER_FULL_RETRY_NANOS, this::sendNext);
      return;
    }
    if (sent < count) {
      sendTimer = r.schedule(firstSendNano + sent * intervalNanos, this::sendNext);
    }
    if (errno != 0 && echo.state == State.PENDING) {
      settle(echo, State.LOST);
      IcmpError error = errno == LibC.EMSGSIZE ? messageTooLong(echo.number)
          : EchoSweep.localError(echo.number, address, errno);
      outcome.addError(error);
      Listeners.error(listener, error);
    }
    checkDone();
  }

  /** ping's "local error: message too long, mtu=N": the echo does not fit the path MTU and may not fragment. */
  private IcmpError messageTooLong(int number) {
    int mtu = PathMtu.of(address, key);
    return new IcmpError(number, address, -1, LibC.EMSGSIZE, "local error: message too long"
        + (mtu > 0 ? ", path MTU " + mtu : ""));
  }

  private void timedOut(Echo echo) {
    if (!done && echo.state == State.PENDING) {
      settle(echo, State.LOST);
      checkDone();
    }
  }

  private void settle(Echo echo, State state) {
    echo.state = state;
    outstanding--;
    if (echo.timeout != null) {
      echo.timeout.cancel();
    }
  }

  void onReply(Echo echo, EchoSocket.Reply r) {
    if (done || !SocketAddresses.sameHost(r.source(), address) || echo.state == State.LOST) {
      return; // a stray reply, or one later than its reply timeout
    }
    long rtt = r.userNanoTime() - echo.sentNano;
    RttSource source = RttSource.MONOTONIC;
    if (r.kernelEpochNanos() > 0) {
      long sentAt = echo.transmitEpochNanos > 0 ? echo.transmitEpochNanos : echo.sentEpochNanos;
      long kernelNanos = r.kernelEpochNanos() - sentAt;
      if (kernelNanos >= 0 && kernelNanos <= rtt + CLOCK_DISAGREEMENT_NANOS) {
        rtt = kernelNanos;
        source = echo.transmitEpochNanos > 0 ? RttSource.KERNEL : RttSource.KERNEL_RECEIVE;
      }
    }
    boolean duplicate = echo.state == State.ANSWERED;
    if (duplicate) {
      outcome.duplicates++;
    } else {
      settle(echo, State.ANSWERED);
      outcome.received++;
    }
    PingReply reply = new PingReply(echo.number, r.source(), r.ttl(), r.size(), Duration.ofNanos(Math.max(0, rtt)),
        duplicate, source);
    outcome.addReply(reply);
    Listeners.reply(listener, reply);
    checkDone();
  }

  void onError(Echo echo, EchoSocket.Error e) {
    if (done || echo.state != State.PENDING) {
      return;
    }
    Optional<InetAddress> target = e.target();
    if (target.isPresent() && !SocketAddresses.sameHost(target.get(), address)) {
      return;
    }
    settle(echo, State.LOST);
    IcmpError error = e.type() < 0 ? EchoSweep.localError(echo.number, e.source(), e.code())
        : IcmpError.of(echo.number, e.source(), e.type(), e.code());
    if (e.mtu() > 0) {
      // as ping says it: "Frag needed and DF set (mtu = 1280)", "local error: message too long, mtu=1280"
      error = new IcmpError(error.sequence(), error.source(), error.type(), error.code(), e.type() < 0
          ? "local error: message too long, path MTU " + e.mtu() : error.description() + " (mtu = " + e.mtu() + ")");
    }
    outcome.addError(error);
    Listeners.error(listener, error);
    checkDone();
  }

  private void checkDone() {
    if (!done && sent == count && outstanding == 0) {
      finish();
    }
  }

  /** Ends the session with what it has (at the deadline, when every echo is settled, or on cancel). */
  private void finish() {
    finish(null);
  }

  private void finish(@Nullable RuntimeException failure) {
    if (done) {
      return;
    }
    done = true;
    EchoReactor r = reactor;
    if (deadlineTimer != null) {
      deadlineTimer.cancel();
    }
    if (sendTimer != null) {
      sendTimer.cancel();
    }
    for (Echo e : echoes) {
      if (e.timeout != null) {
        e.timeout.cancel();
      }
      r.release(e.sequence, e);
    }
    if (channel != null) {
      channel.users--;
    }
    r.finished(this);
    r.turn.add(engine);
    if (failure == null) {
      future.complete(outcome);
    } else {
      future.completeExceptionally(failure);
    }
  }

  /** Ends the session because the backend is closing. */
  void abort(String why) {
    if (!done) {
      finish(new IllegalStateException(why));
    }
  }
}
