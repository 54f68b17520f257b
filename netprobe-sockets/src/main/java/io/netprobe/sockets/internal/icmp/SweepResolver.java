package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.internal.DefaultExecutor;
import io.netprobe.internal.SystemResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves a sweep's hosts under its deadline: literals at once, names {@link #PARALLEL} at a time on the default
 * executor, so a sweep of many names does not wait for them one after another. Stateless; thread-safe.
 */
final class SweepResolver {
  static final int PARALLEL = 32;

  private SweepResolver() {}

  /** One resolution per host, in order. */
  static List<SystemResolver.Resolution> resolveAll(List<Host> hosts, Deadline deadline) {
    List<SystemResolver.Resolution> out = new ArrayList<>(hosts.size());
    List<CompletableFuture<SystemResolver.Resolution>> batch = new ArrayList<>();
    List<Integer> batchIndex = new ArrayList<>();
    for (int i = 0; i < hosts.size(); i++) {
      Host h = hosts.get(i);
      if (h.isLiteral()) {
        out.add(SystemResolver.resolve(h, deadline));
        continue;
      }
      out.add(null);
      batch.add(CompletableFuture.supplyAsync(() -> SystemResolver.resolve(h, deadline), DefaultExecutor.get()));
      batchIndex.add(i);
      if (batch.size() == PARALLEL) {
        collect(batch, batchIndex, out, hosts, deadline);
      }
    }
    collect(batch, batchIndex, out, hosts, deadline);
    return out;
  }

  private static void collect(List<CompletableFuture<SystemResolver.Resolution>> batch, List<Integer> indexes,
      List<SystemResolver.Resolution> out, List<Host> hosts, Deadline deadline) {
    for (int j = 0; j < batch.size(); j++) {
      int i = indexes.get(j);
      SystemResolver.Resolution r;
      try {
        r = batch.get(j).get(deadline.remainingNanos() + TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.NANOSECONDS);
      } catch (TimeoutException | ExecutionException e) {
        r = new SystemResolver.Resolution(List.of(), ProbeFailure.of(FailureKind.TIMEOUT,
            "resolving " + hosts.get(i).ascii() + " took longer than the deadline", e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        r = new SystemResolver.Resolution(List.of(), ProbeFailure.of(FailureKind.CANCELLED,
            "interrupted while resolving", e));
      }
      out.set(i, r);
    }
    batch.clear();
    indexes.clear();
  }
}
