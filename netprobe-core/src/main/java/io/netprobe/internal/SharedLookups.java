package io.netprobe.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Blocking name lookups run on an executor of their own, one call per name however many callers ask at once. The
 * JDK's lookup cannot be interrupted, so a caller's deadline ends its wait, never the call. Thread-safe.
 */
final class SharedLookups {
  /** A blocking lookup: {@code InetAddress::getAllByName}, or a scripted one in tests. */
  @FunctionalInterface
  interface Lookup {
    InetAddress[] addresses(String name) throws UnknownHostException;
  }

  private final ConcurrentHashMap<String, CompletableFuture<InetAddress[]>> inFlight = new ConcurrentHashMap<>();
  private final Lookup lookup;
  private final Executor threads;

  SharedLookups(Lookup lookup, Executor threads) {
    this.lookup = lookup;
    this.threads = threads;
  }

  /** {@code name}'s addresses; a future of the caller's own over the call that callers of this name share. */
  CompletableFuture<InetAddress[]> lookup(String name) {
    CompletableFuture<InetAddress[]> mine = new CompletableFuture<>();
    CompletableFuture<InetAddress[]> running = inFlight.putIfAbsent(name, mine);
    if (running != null) {
      return running.copy();
    }
    mine.whenComplete((r, e) -> inFlight.remove(name, mine));
    try {
      threads.execute(() -> {
        try {
          mine.complete(lookup.addresses(name));
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
