package io.netprobe.dns.internal;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A DNS backend's lookups in flight, for its close: a list linked through the lookups' futures under this object's
 * lock, not a concurrent set — no node object per lookup, where tens of thousands wait at once and G1's young
 * collections copy what each keeps alive. Thread-safe.
 */
final class LiveLookups {
  private @Nullable LookupFuture<?> head;

  synchronized void add(LookupFuture<?> f) {
    if (f.linked) {
      return;
    }
    f.linked = true;
    f.next = head;
    if (head != null) {
      head.prev = f;
    }
    head = f;
  }

  /** Forgets a lookup; again for the same one does nothing. */
  synchronized void remove(LookupFuture<?> f) {
    if (!f.linked) {
      return;
    }
    f.linked = false;
    if (f.prev != null) {
      f.prev.next = f.next;
    } else {
      head = f.next;
    }
    if (f.next != null) {
      f.next.prev = f.prev;
    }
    f.prev = null;
    f.next = null;
  }

  /** The lookups in flight now. */
  synchronized List<LookupFuture<?>> snapshot() {
    List<LookupFuture<?>> all = new ArrayList<>();
    for (LookupFuture<?> f = head; f != null; f = f.next) {
      all.add(f);
    }
    return all;
  }
}
