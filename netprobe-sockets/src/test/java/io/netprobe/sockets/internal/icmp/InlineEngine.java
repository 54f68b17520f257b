package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * An engine for the ICMP backend's tests: it has no selector loop (the backend has a reactor of its own), runs
 * blocking work and completions at once on the caller, and never fires a timer. Tests override what they watch.
 */
class InlineEngine implements ProbeEngine {
  @Override
  public Cancellable at(Deadline deadline, Runnable task) {
    return () -> false;
  }

  @Override
  public Cancellable after(Duration delay, Runnable task) {
    return () -> false;
  }

  @Override
  public IoLoop loop() {
    throw new UnsupportedOperationException("the ICMP backend has a reactor of its own");
  }

  @Override
  public Executor blocking() {
    return Runnable::run;
  }

  @Override
  public Executor completions() {
    return Runnable::run;
  }

  @Override
  public boolean isClosed() {
    return false;
  }
}
