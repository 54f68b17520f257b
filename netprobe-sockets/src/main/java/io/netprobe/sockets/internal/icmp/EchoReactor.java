package io.netprobe.sockets.internal.icmp;

import com.sun.jna.Memory;
import io.netprobe.sockets.internal.libc.LibC;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * The echo sockets of one address family and the one platform thread that serves them: it blocks in {@code poll()}
 * on the sockets and an eventfd, drains what came back without blocking, matches it to the echo that asked by
 * sequence number (one table for every probe of the family, so pings from many callers to many hosts share the
 * sockets), sends echoes when they are due and keeps every probe's timers in its poll timeout. No thread waits for
 * one probe. Sockets open on first use per {@link EchoKey}; the thread stops once no probe has used it for
 * {@link #IDLE_NANOS}, or when the backend closes. Everything but {@link #execute} runs on the reactor thread.
 * Thread-safe through confinement.
 */
final class EchoReactor implements Runnable {
  static final long IDLE_NANOS = 2_000_000_000L;
  private static final int DRAIN_EVERY = 32;
  private static final int SEQUENCES = 65_536;
  /** How long a refused socket is not asked for again (the permission does not change that fast). */
  private static final long DENIAL_REUSE_NANOS = 1_000_000_000L;

  /** An echo socket and the transmit-timestamp keys of what it sent. Reactor thread only. */
  static final class Channel {
    final EchoSocket socket;
    final EchoKey key;
    final PingSession.Echo[] byTransmitKey = new PingSession.Echo[SEQUENCES];
    int transmitKeys;
    int users;
    long lastUsedNano;

    Channel(EchoSocket socket, EchoKey key) {
      this.socket = socket;
      this.key = key;
    }
  }

  /** A task due at {@code nano}; {@link #cancel()} withdraws it. Reactor thread only. */
  final class Timer {
    final long nano;
    final long order;
    final Runnable task;
    boolean cancelled;

    Timer(long nano, long order, Runnable task) {
      this.nano = nano;
      this.order = order;
      this.task = task;
    }

    void cancel() {
      if (!cancelled) {
        cancelled = true;
        cancelledTimers++;
      }
    }
  }

  /** Decides, under its lock, whether an idle reactor may stop (no probe was handed to it meanwhile). */
  interface Owner {
    boolean retire(EchoReactor reactor);
  }

  final boolean v6;
  private final SocketPolicy policy;
  private final Owner owner;
  private final Wakeup wakeup;
  private final Thread thread;
  /** The completions of the current turn, handed over in batches before the reactor waits in poll. */
  final CompletionTurn turn;
  private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
  /** Probes handed to this reactor and not finished; changed under the owner's lock or on the reactor thread. */
  final AtomicInteger active = new AtomicInteger();
  private volatile boolean closing;

  private final PingSession.Echo[] bySequence = new PingSession.Echo[SEQUENCES];
  private int nextSequence = 1;
  private final Map<EchoKey, Channel> channels = new LinkedHashMap<>();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.nano != b.nano
      ? Long.compare(a.nano - b.nano, 0) : Long.compare(a.order, b.order));
  private final LiveSessions sessions = new LiveSessions();
  private long timerOrder;
  private @Nullable IcmpDeniedException denied;
  private @Nullable EchoKey deniedKey;
  private long deniedAt;
  /** Cancelled timers still in the heap; purged when they are the majority, so the heap stays small. */
  private int cancelledTimers;
  private int sendsSinceDrain;
  private Memory pollFds = new Memory(8);
  private final List<Channel> polled = new ArrayList<>();

  EchoReactor(boolean v6, SocketPolicy policy, Owner owner) throws ErrnoException {
    this.v6 = v6;
    this.policy = policy;
    this.owner = owner;
    this.wakeup = new Wakeup();
    this.thread = new Thread(this, "netprobe-icmp" + (v6 ? "6" : "4"));
    this.turn = new CompletionTurn(thread);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Runs {@code task} on the reactor thread. Callable from any thread. */
  void execute(Runnable task) {
    inbox.add(task);
    wakeup.wake();
  }

  /** Echoes the channels still remember by transmit key (for tests). */
  int heldEchoes() {
    java.util.concurrent.CompletableFuture<Long> count = new java.util.concurrent.CompletableFuture<>();
    execute(() -> count.complete(channels.values().stream().flatMap(c -> java.util.Arrays.stream(c.byTransmitKey))
        .filter(java.util.Objects::nonNull).count()));
    return count.orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).join().intValue();
  }

  boolean inReactor() {
    return Thread.currentThread() == thread;
  }

  /** Stops the thread: probes in flight complete as cancelled, sockets close. Returns once it has stopped. */
  void close(long waitMillis) {
    closing = true;
    wakeup.wake();
    if (!inReactor()) {
      try {
        thread.join(waitMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---- reactor thread ------------------------------------------------------------------------------------------

  Timer schedule(long nano, Runnable task) {
    Timer t = new Timer(nano, timerOrder++, task);
    timers.add(t);
    return t;
  }

  /** Returns whether the reactor ends the session at its deadline (else it needs a timer for that). */
  boolean register(PingSession session) {
    return sessions.add(session);
  }

  void finished(PingSession session) {
    sessions.remove(session);
    active.decrementAndGet();
  }

  /** The socket for {@code key}, opened now when needed. */
  Channel channel(EchoKey key) throws IcmpDeniedException, ErrnoException {
    Channel c = channels.get(key);
    if (c == null) {
      long now = System.nanoTime();
      if (denied != null && deniedKey.equals(key) && now - deniedAt < DENIAL_REUSE_NANOS) {
        throw denied; // a sweep of 10,000 hosts without permission diagnoses once, not 10,000 times
      }
      try {
        c = new Channel(EchoSocket.open(v6, policy, -1, key), key);
      } catch (IcmpDeniedException e) {
        denied = e;
        deniedKey = key;
        deniedAt = now;
        throw e;
      }
      denied = null;
      channels.put(key, c);
      rebuildPollSet();
    }
    c.lastUsedNano = System.nanoTime();
    return c;
  }

  /** A free sequence number (its slot holds no pending echo), or -1 when all 65,536 are in flight. */
  int allocate(PingSession.Echo echo) {
    for (int i = 0; i < SEQUENCES; i++) {
      int sequence = nextSequence;
      nextSequence = (nextSequence + 1) & 0xffff;
      PingSession.Echo previous = bySequence[sequence];
      if (previous == null || !previous.pending()) {
        bySequence[sequence] = echo;
        return sequence;
      }
    }
    return -1;
  }

  /** Frees {@code sequence} if {@code echo} still holds it. */
  void release(int sequence, PingSession.Echo echo) {
    if (bySequence[sequence] == echo) {
      bySequence[sequence] = null;
    }
  }

  /** Sends an echo on {@code c}; remembers its transmit-timestamp key. Returns 0 or the errno. */
  int send(Channel c, PingSession.Echo echo, java.net.InetAddress target, byte[] packet, int ttl) {
    c.lastUsedNano = System.nanoTime();
    int errno = c.socket.send(target, packet, echo.sequence, ttl);
    if (errno == 0) {
      c.byTransmitKey[c.transmitKeys++ & 0xffff] = echo;
    }
    if (++sendsSinceDrain >= DRAIN_EVERY) {
      drainAll(); // keep the receive queue short while blasting many echoes
    }
    return errno;
  }

  @Override
  public void run() {
    long idleSince = System.nanoTime();
    try {
      while (!closing) {
        wakeup.reset();
        runInbox();
        long now = System.nanoTime();
        runDueTimers(now);
        sessions.expire(System.nanoTime());
        now = System.nanoTime();
        if (sessions.isEmpty() && active.get() == 0 && inbox.isEmpty()) {
          timers.clear();
          cancelledTimers = 0;
          closeUnusedChannels(now, true);
          if (now - idleSince >= IDLE_NANOS && owner.retire(this)) {
            break;
          }
        } else {
          idleSince = now;
          closeUnusedChannels(now, false);
        }
        long wakeAt = now + IDLE_NANOS;
        while (!timers.isEmpty() && timers.peek().cancelled) {
          timers.poll();
          cancelledTimers--;
        }
        if (!timers.isEmpty() && timers.peek().nano - wakeAt < 0) {
          wakeAt = timers.peek().nano;
        }
        wakeAt = sessions.nextDeadline(wakeAt);
        long wait = Math.max(0, wakeAt - now);
        if (!inbox.isEmpty()) {
          wait = 0;
        }
        turn.close();
        poll((int) Math.min(Integer.MAX_VALUE, (wait + 999_999) / 1_000_000));
      }
    } catch (RuntimeException | Error bug) {
      closing = true;
      throw bug;
    } finally {
      shutDown();
    }
  }

  private void runInbox() {
    Runnable task;
    while ((task = inbox.poll()) != null) {
      task.run();
    }
  }

  private void runDueTimers(long now) {
    while (!timers.isEmpty() && timers.peek().nano - now <= 0) {
      Timer t = timers.poll();
      if (t.cancelled) {
        cancelledTimers--;
      } else {
        t.cancelled = true; // so a late cancel() does not count it
        t.task.run();
      }
    }
    if (cancelledTimers > 1024 && cancelledTimers > timers.size() / 2) {
      timers.removeIf(t -> t.cancelled);
      cancelledTimers = 0;
    }
  }

  private void poll(int timeoutMillis) {
    int n = polled.size() + 1;
    pollFds.setInt(0, wakeup.fd());
    pollFds.setShort(4, LibC.POLLIN);
    pollFds.setShort(6, (short) 0);
    for (int i = 1; i < n; i++) {
      pollFds.setShort(8L * i + 6, (short) 0);
    }
    int ready = LibC.poll(pollFds, n, timeoutMillis);
    if (ready <= 0) {
      return; // timeout, or EINTR: the loop looks again
    }
    for (int i = 1; i < n; i++) {
      if (pollFds.getShort(8L * i + 6) != 0) {
        drain(polled.get(i - 1));
      }
    }
  }

  private void rebuildPollSet() {
    polled.clear();
    polled.addAll(channels.values());
    if (pollFds.size() < 8L * (polled.size() + 1)) {
      pollFds.close();
      pollFds = new Memory(8L * (polled.size() + 1));
    }
    for (int i = 0; i < polled.size(); i++) {
      pollFds.setInt(8L * (i + 1), polled.get(i).socket.nativeSocket().fd());
      pollFds.setShort(8L * (i + 1) + 4, (short) (LibC.POLLIN | LibC.POLLERR));
    }
  }

  void drainAll() {
    sendsSinceDrain = 0;
    for (Channel c : polled) {
      drain(c);
    }
  }

  private void drain(Channel c) {
    List<EchoSocket.Event> events;
    try {
      events = c.socket.drain();
    } catch (ErrnoException e) {
      return; // an error other than the one-off ones of a pending ICMP error: nothing to read now
    }
    for (EchoSocket.Event e : events) {
      if (e instanceof EchoSocket.Sent) {
        EchoSocket.Sent sent = (EchoSocket.Sent) e;
        int slot = sent.key() & 0xffff;
        PingSession.Echo echo = c.byTransmitKey[slot];
        if (echo != null) {
          // one timestamp per send: the slot lets go of the echo (and its session), or the ring would keep the
          // last 65,536 sessions alive long after they ended
          c.byTransmitKey[slot] = null;
          echo.onTransmitted(sent.kernelEpochNanos());
        }
        continue;
      }
      int sequence = e instanceof EchoSocket.Reply ? ((EchoSocket.Reply) e).sequence()
          : ((EchoSocket.Error) e).sequence();
      PingSession.Echo echo = bySequence[sequence & 0xffff];
      if (echo == null || echo.channel != c) {
        continue;
      }
      if (e instanceof EchoSocket.Reply) {
        echo.session.onReply(echo, (EchoSocket.Reply) e);
      } else {
        echo.session.onError(echo, (EchoSocket.Error) e);
      }
    }
  }

  /** Closes sockets of unusual keys nobody used for a while (all sockets when {@code idle}). */
  private void closeUnusedChannels(long now, boolean idle) {
    boolean changed = false;
    for (var it = channels.values().iterator(); it.hasNext(); ) {
      Channel c = it.next();
      if (c.users == 0 && (!c.key.isDefault() || idle) && now - c.lastUsedNano >= IDLE_NANOS) {
        c.socket.close();
        it.remove();
        changed = true;
      }
    }
    if (changed) {
      rebuildPollSet();
    }
  }

  private void shutDown() {
    closing = true;
    for (PingSession s : sessions.snapshot()) {
      s.abort("the ICMP backend was closed while the ping was in flight");
    }
    Runnable task;
    while ((task = inbox.poll()) != null) {
      task.run(); // submissions that raced with closing: they see the reactor closed and fail
    }
    for (Channel c : channels.values()) {
      c.socket.close();
    }
    channels.clear();
    timers.clear();
    pollFds.close();
    wakeup.close();
    turn.close(); // the completions of the sessions aborted above
  }

  boolean isClosing() {
    return closing;
  }
}
