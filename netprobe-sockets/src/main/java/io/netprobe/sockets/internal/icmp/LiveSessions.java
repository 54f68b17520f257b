package io.netprobe.sockets.internal.icmp;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The sessions a reactor runs, linked through the sessions themselves: a set would keep a node per ping in flight, and
 * tens of thousands wait at once, each object copied by every young collection meanwhile. Reactor thread only.
 */
final class LiveSessions {
  private @Nullable PingSession head;

  void add(PingSession s) {
    if (s.live) {
      return;
    }
    s.live = true;
    s.livePrev = null;
    s.liveNext = head;
    if (head != null) {
      head.livePrev = s;
    }
    head = s;
  }

  void remove(PingSession s) {
    if (!s.live) {
      return;
    }
    s.live = false;
    if (s.livePrev == null) {
      head = s.liveNext;
    } else {
      s.livePrev.liveNext = s.liveNext;
    }
    if (s.liveNext != null) {
      s.liveNext.livePrev = s.livePrev;
    }
    s.livePrev = null;
    s.liveNext = null;
  }

  boolean isEmpty() {
    return head == null;
  }

  /** The sessions now, in a list of their own (so that ending them while iterating is safe). */
  List<PingSession> snapshot() {
    List<PingSession> all = new ArrayList<>();
    for (PingSession s = head; s != null; s = s.liveNext) {
      all.add(s);
    }
    return all;
  }
}
