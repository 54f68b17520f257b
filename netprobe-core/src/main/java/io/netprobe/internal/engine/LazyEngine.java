package io.netprobe.internal.engine;

import io.netprobe.spi.ProbeEngine;
import java.util.concurrent.Executor;
import javax.annotation.Nullable;

/**
 * A client's engine, made on first use and closed once: after {@link #close()} no engine is made again. Thread-safe.
 */
public final class LazyEngine implements AutoCloseable {
  private final int ioThreads;
  private final int blockingThreads;
  private final @Nullable Executor completions;
  private final Object lock = new Object();
  private volatile @Nullable DefaultProbeEngine engine;
  private boolean closed;

  /** See {@link DefaultProbeEngine#DefaultProbeEngine}. */
  public LazyEngine(int ioThreads, int blockingThreads, @Nullable Executor completions) {
    this.ioThreads = ioThreads;
    this.blockingThreads = blockingThreads;
    this.completions = completions;
  }

  /**
   * The engine, started now if it was not.
   *
   * @throws IllegalStateException once closed
   */
  public ProbeEngine get() {
    DefaultProbeEngine e = engine;
    if (e != null && !e.isClosed()) {
      return e;
    }
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("this ProbeClient is closed");
      }
      if (engine == null) {
        engine = new DefaultProbeEngine(ioThreads, blockingThreads, completions, DefaultProbeEngine.DEFAULT_IDLE);
      }
      return engine;
    }
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  /** Marks this closed; returns false when it already was (the caller then has nothing to do). */
  public boolean markClosed() {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      closed = true;
      return true;
    }
  }

  /** Closes the engine if one was made. Call after {@link #markClosed()}. */
  @Override
  public void close() {
    DefaultProbeEngine e = engine;
    if (e != null) {
      e.close();
    }
  }
}
