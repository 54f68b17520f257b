package io.netprobe.sockets.internal.icmp;

/**
 * A backend's reactors, one per address family, started on the first probe of that family and retired when idle;
 * {@link #close()} stops them and closes their sockets. Thread-safe (its own lock).
 */
final class EchoReactors implements EchoReactor.Owner, AutoCloseable {
  private static final long CLOSE_WAIT_MILLIS = 2_000;

  private final SocketPolicy policy;
  private final EchoReactor[] reactors = new EchoReactor[2];
  private boolean closed;

  EchoReactors(SocketPolicy policy) {
    this.policy = policy;
  }

  /** Hands {@code session} to its family's reactor, starting one when needed. */
  void submit(PingSession session) {
    int family = session.isV6() ? 1 : 0;
    EchoReactor r;
    synchronized (this) {
      if (closed) {
        session.failed(new IllegalStateException("the ICMP backend is closed"));
        return;
      }
      r = reactors[family];
      if (r == null) {
        try {
          r = new EchoReactor(family == 1, policy, this);
        } catch (ErrnoException e) {
          session.failed(e);
          return;
        }
        reactors[family] = r;
        r.start();
      }
      r.active.incrementAndGet();
    }
    session.bind(r);
    r.execute(session::start);
  }

  @Override
  public synchronized boolean retire(EchoReactor reactor) {
    int family = reactor.v6 ? 1 : 0;
    if (reactors[family] != reactor) {
      return true;
    }
    if (reactor.active.get() != 0) {
      return false;
    }
    reactors[family] = null;
    return true;
  }

  /** Whether a reactor thread runs now (for tests). */
  synchronized int running() {
    return (reactors[0] == null ? 0 : 1) + (reactors[1] == null ? 0 : 1);
  }

  /** Probes handed to a reactor and not finished (for tests). */
  synchronized int active() {
    int n = 0;
    for (EchoReactor r : reactors) {
      n += r == null ? 0 : r.active.get();
    }
    return n;
  }

  /** Echoes the reactors' channels still remember by transmit key (for tests). */
  synchronized int heldEchoes() {
    int n = 0;
    for (EchoReactor r : reactors) {
      n += r == null ? 0 : r.heldEchoes();
    }
    return n;
  }

  @Override
  public void close() {
    EchoReactor[] stopping;
    synchronized (this) {
      closed = true;
      stopping = reactors.clone();
      reactors[0] = null;
      reactors[1] = null;
    }
    for (EchoReactor r : stopping) {
      if (r != null) {
        r.close(CLOSE_WAIT_MILLIS);
      }
    }
  }
}
