package io.netprobe.internal.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names engine threads {@code netprobe-<role>-<n>} and makes them daemons. Thread-safe. */
final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  DaemonThreads(String role) {
    this.prefix = "netprobe-" + role + "-";
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, prefix + count.getAndIncrement());
    t.setDaemon(true);
    // threads are made from a clean context: no inherited context class loader of whoever started the first probe
    t.setContextClassLoader(DaemonThreads.class.getClassLoader());
    return t;
  }
}
