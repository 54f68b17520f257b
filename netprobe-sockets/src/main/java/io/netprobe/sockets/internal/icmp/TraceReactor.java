package io.netprobe.sockets.internal.icmp;

import com.sun.jna.Memory;
import io.netprobe.core.Deadline;
import io.netprobe.sockets.internal.libc.LibC;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one platform thread that drives every traceroute of a backend: each trace keeps its own socket (its probes
 * are matched by TTL slot, per socket), and the thread blocks in {@code poll()} on all of them and an eventfd, steps
 * the traces whose socket is readable or whose wake-up time came, and completes a trace's future when it is complete,
 * at its deadline, or on failure. No thread waits for one trace. It stops once idle for {@link #IDLE_NANOS} or when
 * the backend closes. Thread-safe through confinement ({@link #submit} and {@link #close} from any thread).
 */
final class TraceReactor implements Runnable {
  static final long IDLE_NANOS = 2_000_000_000L;

  /** One trace in flight. The future completes on the reactor thread, exceptionally with an ErrnoException. */
  static final class Trace {
    final TraceRun run;
    final TraceSocket socket;
    final Deadline deadline;
    final CompletableFuture<TraceRun> future = new CompletableFuture<>();
    volatile boolean cancelled;

    Trace(TraceRun run, TraceSocket socket, Deadline deadline) {
      this.run = run;
      this.socket = socket;
      this.deadline = deadline;
    }
  }

  private final Object lock;
  private final Wakeup wakeup;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Trace> inbox = new ConcurrentLinkedQueue<>();
  final AtomicInteger active = new AtomicInteger();
  private volatile boolean closing;
  private boolean retired;
  private final List<Trace> traces = new ArrayList<>();
  private Memory pollFds = new Memory(8);

  /** @param lock guards {@link #active} increments against retiring */
  TraceReactor(Object lock) throws ErrnoException {
    this.lock = lock;
    this.wakeup = new Wakeup();
    this.thread = new Thread(this, "netprobe-traceroute");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands a trace over; false when this reactor has retired (the caller starts another). Under {@code lock}. */
  boolean submit(Trace trace) {
    if (retired || closing) {
      return false;
    }
    active.incrementAndGet();
    inbox.add(trace);
    wakeup.wake();
    return true;
  }

  /** Makes the reactor look at its traces again (a name lookup finished, a trace was cancelled). */
  void wake() {
    wakeup.wake();
  }

  void close(long waitMillis) {
    closing = true;
    wakeup.wake();
    if (Thread.currentThread() != thread) {
      try {
        thread.join(waitMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void run() {
    long idleSince = System.nanoTime();
    try {
      while (!closing) {
        wakeup.reset();
        Trace t;
        while ((t = inbox.poll()) != null) {
          traces.add(t);
        }
        long now = System.nanoTime();
        long wakeAt = now + IDLE_NANOS;
        for (var it = traces.iterator(); it.hasNext(); ) {
          Trace trace = it.next();
          if (!stepOrFinish(trace)) {
            it.remove();
            active.decrementAndGet();
            continue;
          }
          long w = trace.run.wakeAt(trace.deadline.nanoTime());
          if (w - wakeAt < 0) {
            wakeAt = w;
          }
        }
        now = System.nanoTime();
        if (traces.isEmpty()) {
          synchronized (lock) {
            if (now - idleSince >= IDLE_NANOS && active.get() == 0 && inbox.isEmpty()) {
              retired = true;
              break;
            }
          }
        } else {
          idleSince = now;
        }
        poll((int) Math.min(Integer.MAX_VALUE, (Math.max(0, wakeAt - now) + 999_999) / 1_000_000));
      }
    } finally {
      closing = true;
      Trace t;
      while ((t = inbox.poll()) != null) {
        traces.add(t);
      }
      for (Trace trace : traces) {
        trace.socket.close();
        trace.future.completeExceptionally(new IllegalStateException(
            "the traceroute backend was closed while the trace was in flight"));
      }
      traces.clear();
      pollFds.close();
      wakeup.close();
    }
  }

  /** Steps {@code trace}; returns false (after completing its future and closing its socket) when it is over. */
  private boolean stepOrFinish(Trace trace) {
    try {
      if (trace.cancelled) {
        trace.socket.close();
        return false;
      }
      if (trace.deadline.isExpired()) {
        trace.run.finishAtDeadline();
      } else if (!trace.run.step()) {
        return true;
      }
      trace.socket.close();
      trace.future.complete(trace.run);
    } catch (ErrnoException | RuntimeException e) {
      trace.socket.close();
      trace.future.completeExceptionally(e);
    }
    return false;
  }

  private void poll(int timeoutMillis) {
    List<NativeSocket> sockets = new ArrayList<>(traces.size());
    for (Trace trace : traces) {
      sockets.addAll(trace.socket.nativeSockets());
    }
    int n = sockets.size() + 1;
    if (pollFds.size() < 8L * n) {
      pollFds.close();
      pollFds = new Memory(8L * n * 2);
    }
    pollFds.setInt(0, wakeup.fd());
    pollFds.setShort(4, LibC.POLLIN);
    pollFds.setShort(6, (short) 0);
    for (int i = 1; i < n; i++) {
      pollFds.setInt(8L * i, sockets.get(i - 1).fd());
      pollFds.setShort(8L * i + 4, (short) (LibC.POLLIN | LibC.POLLERR));
      pollFds.setShort(8L * i + 6, (short) 0);
    }
    LibC.poll(pollFds, n, timeoutMillis);
  }
}
