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
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiFunction;
import io.netprobe.spi.ProbeEngine;
import javax.annotation.Nullable;

/**
 * The echoes of one probe to one address, driven by its family's {@link EchoReactor}: echo n is due at the first
 * send time + (n-1) × interval, each waits for its reply timeout, the whole session ends when every echo is answered
 * or lost, or at the deadline. Replies and errors are matched as {@code ping} does (by sequence and source), a reply
 * later than its reply timeout counts as lost, a second reply as a duplicate; the listener hears each as it is
 * matched, on the reactor thread. {@code done} hears once what the wire gave (the session itself), or the failure:
 * {@link IcmpDeniedException} / {@link ErrnoException} when no socket could be opened, or {@link
 * IllegalStateException} when the backend closed.
 *
 * <p>The session is its own outcome, its deadline timer's task and its reactor's list entry, an echo its own timeout's
 * task, and an echo whose reply timeout ends after the deadline has no timer (the deadline ends it first): tens of
 * thousands of pings wait at once, and each object one keeps alive is copied by every young collection meanwhile.
 * Reactor-thread confined, except {@link #cancel()} and {@link #bind}.
 */
final class PingSession extends EchoSweep.HostEchoes implements Runnable {
  /** A kernel RTT more than this above the user-space one means the clocks disagree; the user RTT is used. */
  private static final long CLOCK_DISAGREEMENT_NANOS = 2_000_000;
  /** A transmit timestamp later than this after the wall-clock send time is taken for another packet's. */
  private static final long LATEST_TRANSMIT_NANOS = 100_000_000;
  private static final long SEQUENCES_BUSY_RETRY_NANOS = 1_000_000;
  private static final long SEND_BUFFER_FULL_RETRY_NANOS = 200_000;

  private static final byte[] NO_PACKET = new byte[0];

  private enum State { PENDING, ANSWERED, LOST }

  /** One echo request in flight (or answered, or lost). Reactor thread only. */
  static final class Echo implements Runnable {
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

    /** Its reply timeout passed. */
    @Override
    public void run() {
      session.timedOut(this);
    }

    boolean pending() {
      return state == State.PENDING && !session.ended;
    }

    /** A transmit timestamp: kept when it is plausibly this echo's (taken during its {@code sendmsg}). */
    void onTransmitted(long kernelEpochNanos) {
      if (transmitEpochNanos < 0 && !session.ended) {
        long offset = kernelEpochNanos - sentEpochNanos;
        if (offset >= -CLOCK_DISAGREEMENT_NANOS && offset <= LATEST_TRANSMIT_NANOS) {
          transmitEpochNanos = kernelEpochNanos;
        }
      }
    }
  }

  private final BiFunction<? super EchoSweep.HostEchoes, ? super Throwable, ?> done;
  private final EchoKey key;
  private final int count;
  private final long intervalNanos;
  private final long replyTimeoutNanos;
  private final int payloadSize;
  private final int ttl;
  private final PingListener listener;
  private final Deadline deadline;
  private final long firstSendNano;
  private volatile @Nullable EchoReactor reactor;
  /** The engine whose completion executor this session's completion goes to, batched per reactor turn. */
  volatile @Nullable ProbeEngine engine;
  private volatile boolean cancelled;

  @Nullable EchoReactor.Channel channel;
  /** The echo request on the wire, until the last is sent. */
  private byte[] packet = NO_PACKET;
  /** The echoes sent ({@link #sent} of them): the first, and the later ones once there are any (most pings send one). */
  private @Nullable Echo firstEcho;
  private @Nullable Echo[] laterEchoes;
  private int sent;
  private int outstanding;
  private boolean started;
  private boolean ended;
  /** Links of its reactor's {@link LiveSessions}, and whether they end it at its deadline. */
  boolean live;
  boolean inDeadlineOrder;
  @Nullable PingSession livePrev;
  @Nullable PingSession liveNext;
  private @Nullable EchoReactor.Timer deadlineTimer;
  private @Nullable EchoReactor.Timer sendTimer;

  PingSession(InetAddress address, EchoKey key, int count, Duration interval, Duration replyTimeout, int payloadSize,
      int ttl, PingListener listener, Deadline deadline, long firstSendNano,
      BiFunction<? super EchoSweep.HostEchoes, ? super Throwable, ?> done) {
    super(address);
    this.done = done;
    this.key = key;
    this.count = count;
    this.intervalNanos = interval.toNanos();
    this.replyTimeoutNanos = replyTimeout.toNanos();
    this.payloadSize = payloadSize;
    this.ttl = ttl;
    this.listener = listener;
    this.deadline = deadline;
    this.firstSendNano = firstSendNano;
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
        if (started && !ended) {
          finish();
        }
      });
    }
  }

  /** On the reactor: opens (or reuses) the socket and schedules the first echo and the deadline. */
  void start() {
    EchoReactor r = reactor;
    started = true;
    boolean endsAtDeadline = r.register(this);
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
      ended = true;
      r.finished(this);
      done.apply(null, e);
      return;
    }
    channel.users++;
    packet = channel.socket.newEcho(payloadSize);
    method = channel.socket.method();
    long lastPossibleEnd = firstSendNano + (count - 1) * intervalNanos + replyTimeoutNanos;
    if (!endsAtDeadline && deadline.nanoTime() - lastPossibleEnd < 0) {
      deadlineTimer = r.schedule(deadline.nanoTime(), this);
    }
    if (firstSendNano - System.nanoTime() <= 0) {
      sendNext();
    } else {
      sendTimer = r.schedule(firstSendNano, this::sendNext);
    }
  }

  long deadlineNanos() {
    return deadline.nanoTime();
  }

  /** At the deadline (its timer's task): the session ends with what it has. */
  @Override
  public void run() {
    finish();
  }

  private void sendNext() {
    if (ended) {
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
    addEcho(echo);
    transmitted++;
    outstanding++;
    Instant wall = Instant.now();
    echo.sentNano = System.nanoTime();
    echo.sentEpochNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
    long timeoutAt = echo.sentNano + replyTimeoutNanos;
    if (!inDeadlineOrder && deadlineTimer == null || timeoutAt - deadline.nanoTime() < 0) {
      echo.timeout = r.schedule(timeoutAt, echo); // else the deadline, earlier, ends the session first
    }
    int errno = r.send(channel, echo, address, packet, ttl);
    if (errno == LibC.EAGAIN) {
      // the socket's send buffer is full: nothing went out; take the echo back and try again shortly
      if (--sent == 0) {
        firstEcho = null;
      } else {
        laterEchoes[sent - 1] = null;
      }
      transmitted--;
      outstanding--;
      if (echo.timeout != null) {
        echo.timeout.cancel();
      }
      echo.state = State.LOST;
      r.release(sequence, echo);
      sendTimer = r.schedule(System.nanoTime() + SEND_BUFFER_FULL_RETRY_NANOS, this::sendNext);
      return;
    }
    if (sent == count) {
      packet = NO_PACKET;
    }
    if (sent < count) {
      sendTimer = r.schedule(firstSendNano + sent * intervalNanos, this::sendNext);
    }
    if (errno != 0 && echo.state == State.PENDING) {
      settle(echo, State.LOST);
      IcmpError error = errno == LibC.EMSGSIZE ? messageTooLong(echo.number)
          : EchoSweep.localError(echo.number, address, errno);
      addError(error);
      Listeners.error(listener, error);
    }
    checkDone();
  }

  private void addEcho(Echo echo) {
    if (sent == 0) {
      firstEcho = echo;
    } else {
      if (laterEchoes == null || sent - 1 == laterEchoes.length) {
        // sized to what this session sends, at most nine at first, then doubled
        laterEchoes = laterEchoes == null ? new Echo[Math.min(count - 1, 9)]
            : Arrays.copyOf(laterEchoes, Math.min(count - 1, laterEchoes.length * 2));
      }
      laterEchoes[sent - 1] = echo;
    }
    sent++;
  }

  /** ping's "local error: message too long, mtu=N": the echo does not fit the path MTU and may not fragment. */
  private IcmpError messageTooLong(int number) {
    int mtu = PathMtu.of(address, key);
    return new IcmpError(number, address, -1, LibC.EMSGSIZE, "local error: message too long"
        + (mtu > 0 ? ", path MTU " + mtu : ""));
  }

  private void timedOut(Echo echo) {
    if (!ended && echo.state == State.PENDING) {
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
    if (ended || !SocketAddresses.sameHost(r.source(), address) || echo.state == State.LOST) {
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
      duplicates++;
    } else {
      settle(echo, State.ANSWERED);
      received++;
    }
    PingReply reply = new PingReply(echo.number, r.source(), r.ttl(), r.size(), Duration.ofNanos(Math.max(0, rtt)),
        duplicate, source);
    addReply(reply);
    Listeners.reply(listener, reply);
    checkDone();
  }

  void onError(Echo echo, EchoSocket.Error e) {
    if (ended || echo.state != State.PENDING) {
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
    addError(error);
    Listeners.error(listener, error);
    checkDone();
  }

  private void checkDone() {
    if (!ended && sent == count && outstanding == 0) {
      finish();
    }
  }

  /** Ends the session with what it has (at the deadline, when every echo is settled, or on cancel). */
  private void finish() {
    finish(null);
  }

  private void finish(@Nullable RuntimeException failure) {
    if (ended) {
      return;
    }
    ended = true;
    EchoReactor r = reactor;
    if (deadlineTimer != null) {
      deadlineTimer.cancel();
    }
    if (sendTimer != null) {
      sendTimer.cancel();
    }
    for (int i = 0; i < sent; i++) {
      Echo e = i == 0 ? firstEcho : laterEchoes[i - 1];
      if (e.timeout != null) {
        e.timeout.cancel();
      }
      r.release(e.sequence, e);
    }
    packet = NO_PACKET;
    if (channel != null) {
      channel.users--;
    }
    r.finished(this);
    r.turn.add(engine);
    if (failure == null) {
      done.apply(this, null);
    } else {
      done.apply(null, failure);
    }
  }

  /** Ends a session that never reached its reactor (no reactor could start, or the backend is closed). */
  void failed(Exception why) {
    ended = true;
    done.apply(null, why);
  }

  /** Ends the session because the backend is closing. */
  void abort(String why) {
    if (!ended) {
      finish(new IllegalStateException(why));
    }
  }
}
