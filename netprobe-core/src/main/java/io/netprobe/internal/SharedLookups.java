package io.netprobe.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Blocking lookups (a name's addresses, an address's name) run on an executor of their own, one call per key however
 * many callers ask at once. The JDK's lookups cannot be interrupted, so a caller's deadline ends its wait, never the
 * call. Thread-safe.
 *
 * @param <K> what is looked up
 * @param <V> what the lookup finds
 */
final class SharedLookups<K, V> {
  /** A blocking lookup: {@code InetAddress::getAllByName}, or a scripted one in tests. */
  @FunctionalInterface
  interface Lookup<K, V> {
    V find(K key) throws Exception;
  }

  private final ConcurrentHashMap<K, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
  private final Lookup<K, V> lookup;
  private final Executor threads;

  SharedLookups(Lookup<K, V> lookup, Executor threads) {
    this.lookup = lookup;
    this.threads = threads;
  }

  /** What {@code key} looks up to; a future of the caller's own over the call that callers of this key share. */
  CompletableFuture<V> lookup(K key) {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return running.copy();
    }
    mine.whenComplete((r, e) -> inFlight.remove(key, mine));
    try {
      threads.execute(() -> {
        try {
          mine.complete(lookup.find(key));
        } catch (Throwable t) {
          mine.completeExceptionally(t);
        }
      });
    } catch (RejectedExecutionException e) {
      mine.completeExceptionally(e);
    }
    return mine.copy();
  }
}
