package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.icmp.IcmpError;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingReply;
import io.netprobe.icmp.RttSource;
import io.netprobe.sockets.internal.libc.LibC;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import javax.annotation.Nullable;

/**
 * Sends {@code count} echo requests to each of many addresses over one {@link EchoSocket} per address family and
 * matches what comes back by (family, sequence) and source address, on the calling thread: sends are paced by a
 * per-target interval and a global spacing, the wait between them is a {@code poll()} bounded by the next send, the
 * next reply timeout and the deadline. A reply later than its reply timeout counts as lost. Not thread-safe: one
 * instance per probe.
 */
final class EchoSweep {
  private static final int DRAIN_EVERY = 32;
  /** A kernel RTT more than this above the user-space one means the clocks disagree; the user RTT is used. */
  private static final long CLOCK_DISAGREEMENT_NANOS = 2_000_000;
  /** A transmit timestamp later than this after the wall-clock send time is taken for another packet's. */
  private static final long LATEST_TRANSMIT_NANOS = 100_000_000;

  /** What one target got. */
  static final class HostEchoes {
    final InetAddress address;
    int transmitted;
    int received;
    int duplicates;
    final List<PingReply> replies = new ArrayList<>();
    final List<IcmpError> errors = new ArrayList<>();
    @Nullable PingMethod method;

    HostEchoes(InetAddress address) {
      this.address = address;
    }

    List<Duration> rtts() {
      return replies.stream().filter(r -> !r.duplicate()).map(PingReply::rtt).toList();
    }
  }

  private enum State { PENDING, ANSWERED, LOST }

  private static final class Probe {
    final int target;
    final int number;
    final int family;
    final int sequence;
    final long sentNano;
    final long sentEpochNanos;
    long transmitEpochNanos = -1;
    State state = State.PENDING;

    Probe(int target, int number, int family, int sequence, long sentNano, long sentEpochNanos) {
      this.target = target;
      this.number = number;
      this.family = family;
      this.sequence = sequence;
      this.sentNano = sentNano;
      this.sentEpochNanos = sentEpochNanos;
    }
  }

  private static final class Cursor {
    final int target;
    int sent;
    long nextNano;

    Cursor(int target, long nextNano) {
      this.target = target;
      this.nextNano = nextNano;
    }
  }

  private final List<HostEchoes> outcomes = new ArrayList<>();
  private final EchoSocket[] sockets;
  private final Probe[][] bySequence = new Probe[2][65_536];
  private final Probe[][] byTransmitKey = new Probe[2][65_536];
  private final int[] transmitKeys = new int[2];
  private final int[] nextSequence = {1, 1};
  private final byte[][] echoes = new byte[2][];
  private final ArrayDeque<Probe> outstanding = new ArrayDeque<>();
  private final int count;
  private final long intervalNanos;
  private final long replyTimeoutNanos;
  private PingListener listener = PingListener.NONE;

  /**
   * @param addresses the targets
   * @param sockets the socket for IPv4 ([0]) and IPv6 ([1]); null for a family no target uses or that is denied
   *     (targets of that family are then skipped)
   */
  EchoSweep(List<InetAddress> addresses, EchoSocket[] sockets, int count, Duration interval, Duration replyTimeout,
      int payloadSize) {
    this.sockets = sockets;
    this.count = count;
    this.intervalNanos = interval.toNanos();
    this.replyTimeoutNanos = replyTimeout.toNanos();
    for (InetAddress a : addresses) {
      HostEchoes o = new HostEchoes(a);
      EchoSocket s = sockets[family(a)];
      o.method = s == null ? null : s.method();
      outcomes.add(o);
    }
    for (int f = 0; f < 2; f++) {
      if (sockets[f] != null) {
        echoes[f] = sockets[f].newEcho(payloadSize);
      }
    }
  }

  /** Hands every reply and error to {@code listener} as it is matched (for a single-target ping). */
  EchoSweep listener(PingListener listener) {
    this.listener = listener;
    return this;
  }

  /** Runs until every echo is answered or timed out, or the deadline passes, or the thread is interrupted. */
  List<HostEchoes> run(Duration spacing, Deadline deadline) throws ErrnoException {
    long start = System.nanoTime();
    PriorityQueue<Cursor> due = new PriorityQueue<>((a, b) -> Long.compare(a.nextNano - b.nextNano, 0));
    long spacingNanos = spacing.toNanos();
    long slot = 0;
    for (int t = 0; t < outcomes.size(); t++) {
      if (sockets[family(outcomes.get(t).address)] != null) {
        due.add(new Cursor(t, start + slot++ * spacingNanos));
      }
    }
    List<NativeSocket> polled = new ArrayList<>();
    List<EchoSocket> open = new ArrayList<>();
    for (EchoSocket s : sockets) {
      if (s != null) {
        polled.add(s.nativeSocket());
        open.add(s);
      }
    }
    int sinceDrain = 0;
    while (!deadline.isExpired() && !Thread.currentThread().isInterrupted()) {
      long now = System.nanoTime();
      while (!due.isEmpty() && due.peek().nextNano - now <= 0 && !deadline.isExpired()) {
        Cursor c = due.peek();
        if (!send(c.target, c.sent + 1)) {
          break; // the sequence slot is still in use: wait for replies or timeouts first
        }
        due.poll();
        c.sent++;
        if (c.sent < count) {
          c.nextNano += intervalNanos;
          due.add(c);
        }
        if (++sinceDrain >= DRAIN_EVERY) {
          sinceDrain = 0;
          drain(open);
        }
        if (spacingNanos > 0) {
          break;
        }
      }
      now = System.nanoTime();
      expire(now);
      if (due.isEmpty() && outstanding.isEmpty()) {
        break;
      }
      long wakeAt = deadline.nanoTime();
      if (!due.isEmpty() && due.peek().nextNano - wakeAt < 0) {
        wakeAt = due.peek().nextNano;
      }
      if (!outstanding.isEmpty() && outstanding.peekFirst().sentNano + replyTimeoutNanos - wakeAt < 0) {
        wakeAt = outstanding.peekFirst().sentNano + replyTimeoutNanos;
      }
      long waitNanos = Math.max(0, wakeAt - now);
      int[] events = NativeSocket.pollAll(polled, (int) Math.min(Integer.MAX_VALUE, (waitNanos + 999_999) / 1_000_000));
      for (int e : events) {
        if (e != 0) {
          drain(open);
          break;
        }
      }
    }
    drain(open);
    return outcomes;
  }

  private boolean send(int target, int number) {
    HostEchoes o = outcomes.get(target);
    int family = family(o.address);
    int sequence = nextSequence[family];
    Probe previous = bySequence[family][sequence];
    if (previous != null && previous.state == State.PENDING) {
      return false;
    }
    nextSequence[family] = (sequence + 1) & 0xffff;
    Instant wall = Instant.now();
    long nano = System.nanoTime();
    int errno = sockets[family].send(o.address, echoes[family], sequence, -1);
    o.transmitted++;
    Probe p = new Probe(target, number, family, sequence, nano, wall.getEpochSecond() * 1_000_000_000L + wall.getNano());
    bySequence[family][sequence] = p;
    if (errno != 0) {
      p.state = State.LOST;
      IcmpError error = localError(number, o.address, errno);
      o.errors.add(error);
      Listeners.error(listener, error);
    } else {
      outstanding.addLast(p);
      byTransmitKey[family][transmitKeys[family]++ & 0xffff] = p;
    }
    return true;
  }

  private void expire(long now) {
    while (!outstanding.isEmpty()) {
      Probe first = outstanding.peekFirst();
      if (first.state != State.PENDING) {
        outstanding.pollFirst();
      } else if (now - (first.sentNano + replyTimeoutNanos) >= 0) {
        first.state = State.LOST;
        outstanding.pollFirst();
      } else {
        break;
      }
    }
  }

  private void drain(List<EchoSocket> open) throws ErrnoException {
    for (EchoSocket s : open) {
      int family = s.isV6() ? 1 : 0;
      for (EchoSocket.Event e : s.drain()) {
        if (e instanceof EchoSocket.Sent) {
          onSent(family, (EchoSocket.Sent) e);
          continue;
        }
        int sequence = e instanceof EchoSocket.Reply ? ((EchoSocket.Reply) e).sequence()
            : ((EchoSocket.Error) e).sequence();
        Probe p = bySequence[family][sequence & 0xffff];
        if (p == null) {
          continue;
        }
        HostEchoes o = outcomes.get(p.target);
        if (e instanceof EchoSocket.Reply) {
          onReply(p, o, (EchoSocket.Reply) e);
        } else {
          onError(p, o, (EchoSocket.Error) e);
        }
      }
    }
  }

  /** A transmit timestamp: kept when it is plausibly this probe's (taken during its {@code sendmsg}). */
  private void onSent(int family, EchoSocket.Sent sent) {
    Probe p = byTransmitKey[family][sent.key() & 0xffff];
    if (p != null && p.transmitEpochNanos < 0) {
      long offset = sent.kernelEpochNanos() - p.sentEpochNanos;
      if (offset >= -CLOCK_DISAGREEMENT_NANOS && offset <= LATEST_TRANSMIT_NANOS) {
        p.transmitEpochNanos = sent.kernelEpochNanos();
      }
    }
  }

  private void onReply(Probe p, HostEchoes o, EchoSocket.Reply r) {
    if (!SocketAddresses.sameHost(r.source(), o.address) || p.state == State.LOST) {
      return; // a stray reply, or one later than its reply timeout
    }
    long rtt = r.userNanoTime() - p.sentNano;
    RttSource source = RttSource.MONOTONIC;
    if (r.kernelEpochNanos() > 0) {
      long kernelNanos = r.kernelEpochNanos() - sendTime(p);
      if (kernelNanos >= 0 && kernelNanos <= rtt + CLOCK_DISAGREEMENT_NANOS) {
        rtt = kernelNanos;
        source = p.transmitEpochNanos > 0 ? RttSource.KERNEL : RttSource.KERNEL_RECEIVE;
      }
    }
    boolean duplicate = p.state == State.ANSWERED;
    if (duplicate) {
      o.duplicates++;
    } else {
      p.state = State.ANSWERED;
      o.received++;
    }
    PingReply reply = new PingReply(p.number, r.source(), r.ttl(), r.size(), Duration.ofNanos(Math.max(0, rtt)),
        duplicate, source);
    o.replies.add(reply);
    Listeners.reply(listener, reply);
  }

  /** The kernel's transmit time when it was reported, else the wall-clock time read just before sending. */
  private static long sendTime(Probe p) {
    return p.transmitEpochNanos > 0 ? p.transmitEpochNanos : p.sentEpochNanos;
  }

  private void onError(Probe p, HostEchoes o, EchoSocket.Error e) {
    if (p.state != State.PENDING) {
      return;
    }
    Optional<InetAddress> target = e.target();
    if (target.isPresent() && !SocketAddresses.sameHost(target.get(), o.address)) {
      return;
    }
    p.state = State.LOST;
    IcmpError error = e.type() < 0 ? localError(p.number, e.source(), e.code())
        : IcmpError.of(p.number, e.source(), e.type(), e.code());
    o.errors.add(error);
    Listeners.error(listener, error);
  }

  /** A local error (the kernel refused to send): ICMP type -1, the errno as the code, in ping's words. */
  static IcmpError localError(int sequence, InetAddress target, int errno) {
    return new IcmpError(sequence, target, -1, errno, "local error: " + LibC.describe(errno));
  }

  static int family(InetAddress a) {
    return SocketAddresses.isV6(a) ? 1 : 0;
  }
}
