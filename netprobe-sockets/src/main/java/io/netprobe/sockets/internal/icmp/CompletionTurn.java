package io.netprobe.sockets.internal.icmp;

import io.netprobe.spi.ProbeEngine;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The engines a reactor turn completes probes for: the first completion of a turn for an engine opens a completion
 * batch of that engine on the reactor thread ({@link ProbeEngine#openCompletionBatch()}), and the end of the turn
 * hands every batch over, so a turn in which thousands of deadlines pass wakes a completion thread once per batch
 * rather than once per probe, as the engine's own loops do. Only the reactor thread uses it.
 */
final class CompletionTurn {
  private final Thread owner;
  /** Normally one: the client's engine (a backend shared by clients serves several). */
  private final List<ProbeEngine> open = new ArrayList<>(2);

  CompletionTurn(Thread owner) {
    this.owner = owner;
  }

  /** Collects what completing a probe of {@code engine} hands over now into this turn's batch. */
  void add(@Nullable ProbeEngine engine) {
    if (engine == null || Thread.currentThread() != owner) {
      return; // a probe completed on another thread (a submission failing) goes over at once
    }
    for (int i = 0; i < open.size(); i++) {
      if (open.get(i) == engine) {
        return;
      }
    }
    engine.openCompletionBatch();
    open.add(engine);
  }

  /** Hands over this turn's batches and stops collecting. */
  void close() {
    for (int i = 0; i < open.size(); i++) {
      open.get(i).closeCompletionBatch();
    }
    open.clear();
  }
}
