package io.netprobe.dns.internal;

import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The UDP side of one engine: a few sockets per (source address, name server), opened on first use, each connected
 * to its server on its own kernel-chosen random port, and each with its own message-id space, so that thousands of
 * queries from any number of callers share a handful of file descriptors and one loop thread. A socket without
 * queries closes after {@link #IDLE} so that an idle client holds no descriptors. Confined to the engine's loop
 * thread (every method must be called there) except {@link #close()}.
 */
final class UdpMux implements AutoCloseable {
  /** Sockets per server: several source ports make spoofing harder (RFC 5452 §9.2) and spread the id space. */
  static final int SOCKETS_PER_SERVER = 4;

  /** How long a socket without queries stays open, so that a burst of queries does not reopen it each time. */
  static final Duration IDLE = Duration.ofMillis(500);

  private final ProbeEngine engine;
  private final IoLoop loop;
  private final LoopTimers timers;
  private final Map<Key, MuxSocket[]> sockets = new HashMap<>();
  private final SecureRandom random = new SecureRandom();
  /** Random bytes drawn in bulk: one SecureRandom call per 2048 message ids instead of one per id. */
  private final byte[] randomIds = new byte[4096];
  private int randomIdsUsed = randomIds.length;
  private int roundRobin;
  private final ArrayList<Runnable> toComplete = new ArrayList<>();
  /** The last key asked for and its sockets: queries usually come in runs to one server. */
  private @Nullable Key lastKey;
  private @Nullable MuxSocket[] lastSet;
  private volatile boolean closed;

  /** Where a socket goes: the server and the local address it is bound to (null: the system chooses). */
  record Key(@Nullable InetAddress local, InetSocketAddress server) {
    // written out: the generated ones go through method handles, which showed in the loop's profile
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && server.equals(k.server) && java.util.Objects.equals(local, k.local);
    }

    @Override
    public int hashCode() {
      return server.hashCode() * 31 + (local == null ? 0 : local.hashCode());
    }
  }

  UdpMux(ProbeEngine engine) {
    this.engine = engine;
    this.loop = engine.loop();
    this.timers = new LoopTimers(engine, loop);
  }

  /** The loop's timers for retransmissions and per-server deadlines. */
  LoopTimers timers() {
    return timers;
  }

  ProbeEngine engine() {
    return engine;
  }

  IoLoop loop() {
    return loop;
  }

  /**
   * The key of this source and server: the last one asked for when it is the same (queries usually come in runs to
   * one server), so that a query in flight does not keep a key of its own.
   */
  Key key(@Nullable InetAddress local, InetSocketAddress server) {
    Key last = lastKey;
    if (last != null && last.server().equals(server) && java.util.Objects.equals(last.local(), local)) {
      return last;
    }
    return new Key(local, server);
  }

  /** A socket to this server, opening one when fewer than {@link #SOCKETS_PER_SERVER} are open. */
  MuxSocket socketFor(Key key) throws IOException {
    if (closed) {
      throw new IOException("the DNS client is closed");
    }
    MuxSocket[] set = lastSet != null && key.equals(lastKey) ? lastSet
        : sockets.computeIfAbsent(key, k -> new MuxSocket[SOCKETS_PER_SERVER]);
    lastKey = key;
    lastSet = set;
    int i = Math.floorMod(roundRobin++, SOCKETS_PER_SERVER);
    MuxSocket s = set[i];
    if (s == null || !s.isOpen()) {
      s = MuxSocket.open(this, key);
      set[i] = s;
    }
    return s;
  }

  /**
   * Runs {@code completion} (completing a lookup's future) on the engine's completion executor, together with the
   * others of this pass of the loop: one hand-over per pass instead of one per answer, and the futures' dependent
   * stages (the client's bookkeeping, the caller's continuations) run there, off the loop thread. Loop thread only.
   */
  void completeSoon(Runnable completion) {
    toComplete.add(completion);
    if (toComplete.size() == 1) {
      try {
        loop.execute(this::handOverCompletions); // after the ready channels of this pass
      } catch (IllegalStateException engineClosed) {
        handOverCompletions();
      }
    }
  }

  private void handOverCompletions() {
    if (toComplete.isEmpty()) {
      return;
    }
    Runnable[] batch = toComplete.toArray(new Runnable[0]);
    toComplete.clear();
    Runnable all = () -> {
      for (Runnable r : batch) {
        try {
          r.run();
        } catch (RuntimeException e) {
          // one future's failing continuation is its own; the others still complete
        }
      }
    };
    try {
      engine.completions().execute(all);
    } catch (RuntimeException rejected) {
      all.run();
    }
  }

  /** A random 16-bit id (RFC 5452). */
  int randomId() {
    if (randomIdsUsed == randomIds.length) {
      random.nextBytes(randomIds);
      randomIdsUsed = 0;
    }
    int id = ((randomIds[randomIdsUsed] & 0xff) << 8) | (randomIds[randomIdsUsed + 1] & 0xff);
    randomIdsUsed += 2;
    return id;
  }

  /** Forgets a socket that closed (idle or failed). */
  void closed(MuxSocket socket) {
    MuxSocket[] set = sockets.get(socket.key());
    if (set == null) {
      return;
    }
    boolean any = false;
    for (int i = 0; i < set.length; i++) {
      if (set[i] == socket) {
        set[i] = null;
      }
      any |= set[i] != null;
    }
    if (!any) {
      sockets.remove(socket.key());
      if (set == lastSet) {
        lastKey = null;
        lastSet = null;
      }
    }
  }

  /** Sockets open now (for tests). */
  int openSockets() {
    int n = 0;
    for (MuxSocket[] set : sockets.values()) {
      for (MuxSocket s : set) {
        n += s != null && s.isOpen() ? 1 : 0;
      }
    }
    return n;
  }

  /** Closes every socket; queries still waiting on them fail as cancelled. Callable from any thread. */
  @Override
  public void close() {
    closed = true;
    if (engine.isClosed()) {
      return; // the loop closed the channels itself
    }
    try {
      loop.execute(() -> {
        List<MuxSocket> all = new ArrayList<>();
        sockets.values().forEach(set -> {
          for (MuxSocket s : set) {
            if (s != null) {
              all.add(s);
            }
          }
        });
        all.forEach(MuxSocket::close);
        sockets.clear();
        lastKey = null;
        lastSet = null;
      });
    } catch (IllegalStateException engineClosed) {
      // the engine closed meanwhile and took the channels with it
    }
  }

  boolean isClosed() {
    return closed;
  }
}
