package io.netprobe.sockets.internal.icmp;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The sessions a reactor runs, linked through the sessions themselves: a set would keep a node per ping in flight, and
 * tens of thousands wait at once, each object copied by every young collection meanwhile. Sessions that come in the
 * order of their deadlines (the usual case: the probes of a client share a timeout) are kept in that order, and the
 * reactor ends them at their deadlines from here ({@link #expire}), so they need no deadline timer; a session whose
 * deadline is earlier than the last one's goes to a second list and keeps a timer. Reactor thread only.
 */
final class LiveSessions {
  /** The sessions in deadline order, first to last. */
  private @Nullable PingSession first;
  private @Nullable PingSession last;
  /** The others. */
  private @Nullable PingSession unordered;

  /** Adds {@code s}; returns whether it is in deadline order (then {@link #expire} ends it at its deadline). */
  boolean add(PingSession s) {
    if (s.live) {
      return s.inDeadlineOrder;
    }
    s.live = true;
    if (last == null || s.deadlineNanos() - last.deadlineNanos() >= 0) {
      s.inDeadlineOrder = true;
      s.livePrev = last;
      s.liveNext = null;
      if (last == null) {
        first = s;
      } else {
        last.liveNext = s;
      }
      last = s;
      return true;
    }
    s.inDeadlineOrder = false;
    s.livePrev = null;
    s.liveNext = unordered;
    if (unordered != null) {
      unordered.livePrev = s;
    }
    unordered = s;
    return false;
  }

  void remove(PingSession s) {
    if (!s.live) {
      return;
    }
    s.live = false;
    if (s.livePrev != null) {
      s.livePrev.liveNext = s.liveNext;
    } else if (s.inDeadlineOrder) {
      first = s.liveNext;
    } else {
      unordered = s.liveNext;
    }
    if (s.liveNext != null) {
      s.liveNext.livePrev = s.livePrev;
    } else if (s.inDeadlineOrder) {
      last = s.livePrev;
    }
    s.livePrev = null;
    s.liveNext = null;
  }

  boolean isEmpty() {
    return first == null && unordered == null;
  }

  /** Ends the sessions in deadline order whose deadline has passed at {@code now}. */
  void expire(long now) {
    PingSession s;
    while ((s = first) != null && s.deadlineNanos() - now <= 0) {
      remove(s);
      s.run();
    }
  }

  /** {@code wakeAt}, or the first deadline of the sessions in order when that is earlier. */
  long nextDeadline(long wakeAt) {
    return first != null && first.deadlineNanos() - wakeAt < 0 ? first.deadlineNanos() : wakeAt;
  }

  /** The sessions now, in a list of their own (so that ending them while iterating is safe). */
  List<PingSession> snapshot() {
    List<PingSession> all = new ArrayList<>();
    for (PingSession s = first; s != null; s = s.liveNext) {
      all.add(s);
    }
    for (PingSession s = unordered; s != null; s = s.liveNext) {
      all.add(s);
    }
    return all;
  }
}
