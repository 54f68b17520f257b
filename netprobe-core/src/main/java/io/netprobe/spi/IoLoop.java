package io.netprobe.spi;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.Executor;

/**
 * One thread with one {@link java.nio.channels.Selector}: channels registered here are served by that thread, and
 * tasks given to {@link #execute(Runnable)} run on it in order. State touched only from the loop needs no lock.
 * Thread-safe.
 */
public interface IoLoop extends Executor {

  /**
   * Registers a non-blocking {@code channel} for {@code ops}; from then on {@code handler} runs on the loop thread
   * whenever the channel is ready. Callable from any thread (from another thread the registration happens on the
   * loop shortly after). The handler changes interest with {@link SelectionKey#interestOps(int)} and ends the
   * registration by closing the channel.
   */
  void register(SelectableChannel channel, int ops, Handler handler);

  /** Runs {@code task} on the loop thread, after the tasks and ready channels already queued. */
  @Override
  void execute(Runnable task);

  /** Whether the calling thread is this loop's thread. */
  boolean inLoop();

  /**
   * Closes {@code channel} and runs {@code then} on the loop once its file descriptor is really free. NIO keeps the
   * descriptor of a channel closed while registered with a selector until that selector's next select deregisters
   * it; a probe that completes only in {@code then} cannot let the next probe (started as it completes) exceed the
   * open-files limit. Callable from any thread. The default, for loops without a selector, closes and runs at once.
   */
  default void closeThen(SelectableChannel channel, Runnable then) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing is all that can be done
    }
    then.run();
  }

  /** Reacts to a ready channel on the loop thread. */
  @FunctionalInterface
  interface Handler {
    /**
     * The channel of {@code key} is ready for some of its interest ops. An exception thrown here closes the channel
     * and is passed to {@link #failed(Exception)}.
     */
    void ready(SelectionKey key) throws IOException;

    /** Registration or {@link #ready} failed; the channel is closed. Default: nothing more to do. */
    default void failed(Exception e) {}
  }
}
