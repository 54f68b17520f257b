package io.netprobe.exporter.internal.web;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * blackbox's recent-probes history: the last {@code limit} probes, plus as many older failures, with ids from 0.
 * Thread-safe.
 */
final class History {
  /**
   * One probe in the history.
   *
   * @param id its id for {@code /logs?id=}
   * @param module the module name
   * @param target the target
   * @param success whether it succeeded
   * @param at when it finished
   * @param debug the debug text (log, metrics, module)
   */
  record Entry(long id, String module, String target, boolean success, Instant at,
      java.util.function.Supplier<String> debugText) {
    String debug() {
      return debugText.get();
    }
  }

  private final int limit;
  private final Deque<Entry> recent = new ArrayDeque<>();
  private final Deque<Entry> failures = new ArrayDeque<>();
  private long next;

  History(int limit) {
    this.limit = limit;
  }

  synchronized long add(String module, String target, boolean success, java.util.function.Supplier<String> debug) {
    Entry e = new Entry(next++, module, target, success, Instant.now(), debug);
    recent.addLast(e);
    while (recent.size() > limit) {
      Entry old = recent.removeFirst();
      if (!old.success()) {
        failures.addLast(old);
        while (failures.size() > limit) {
          failures.removeFirst();
        }
      }
    }
    return e.id();
  }

  synchronized Optional<Entry> get(long id) {
    return recent.stream().filter(e -> e.id() == id).findFirst()
        .or(() -> failures.stream().filter(e -> e.id() == id).findFirst());
  }

  /** Newest first. */
  synchronized List<Entry> newestFirst() {
    List<Entry> all = new ArrayList<>(failures);
    all.addAll(recent);
    all.sort((a, b) -> Long.compare(b.id(), a.id()));
    return all;
  }
}
