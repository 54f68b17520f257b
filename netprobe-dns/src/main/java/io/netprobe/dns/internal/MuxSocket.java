package io.netprobe.dns.internal;

import io.netprobe.spi.IoLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayDeque;
import javax.annotation.Nullable;
import org.xbill.DNS.Message;

/**
 * One UDP socket of a {@link UdpMux}: connected to one server (so only its datagrams arrive and ICMP port-unreachable
 * surfaces), with the message ids of the queries waiting on it. A datagram goes to the query its id names; one whose
 * id names no query is dropped (a late or duplicate answer, or a stranger), and when its question is that of a
 * waiting query, that query notes it, so a server that only ever sends wrong ids is reported as such. Confined to
 * the loop thread.
 */
final class MuxSocket implements IoLoop.Handler {
  private static final int MAX_DATAGRAM = 65535;

  private final UdpMux mux;
  private final UdpMux.Key key;
  private final DatagramChannel channel;
  private final IdTable<UdpAttempt> pending = new IdTable<>();
  private final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
  private final ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM);
  private @Nullable SelectionKey selectionKey;
  private long idleSince;
  private boolean idleCheckScheduled;
  private boolean flushScheduled;

  private MuxSocket(UdpMux mux, UdpMux.Key key, DatagramChannel channel) {
    this.mux = mux;
    this.key = key;
    this.channel = channel;
  }

  static MuxSocket open(UdpMux mux, UdpMux.Key key) throws IOException {
    DatagramChannel ch = DatagramChannel.open(key.server().getAddress() instanceof java.net.Inet6Address
        ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
    try {
      ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
      // port 0: the kernel picks a random free ephemeral port
      ch.bind(key.local() == null ? null : new InetSocketAddress(key.local(), 0));
      ch.configureBlocking(false);
      ch.connect(key.server());
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    MuxSocket s = new MuxSocket(mux, key, ch);
    mux.loop().register(ch, SelectionKey.OP_READ, s);
    return s;
  }

  UdpMux.Key key() {
    return key;
  }

  boolean isOpen() {
    return channel.isOpen();
  }

  /** Takes a free random id for {@code attempt}; -1 when all 65,536 are taken. */
  int allocate(UdpAttempt attempt) {
    if (pending.size() >= 65536) {
      return -1;
    }
    int id;
    do {
      id = mux.randomId();
    } while (pending.containsKey(id));
    pending.put(id, attempt);
    return id;
  }

  /** Frees {@code id} if {@code attempt} still holds it; late answers to it are dropped from now on. */
  void release(int id, UdpAttempt attempt) {
    if (pending.get(id) == attempt) {
      pending.remove(id);
      if (pending.isEmpty()) {
        idleSince = System.nanoTime();
        scheduleIdleCheck(UdpMux.IDLE.toNanos());
      }
    }
  }

  /** Sends one datagram, or queues it when the socket buffer is full. */
  void send(byte[] wire) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(wire);
    if (!unsent.isEmpty() || channel.write(b) == 0) {
      unsent.add(b);
      wantWrite();
    }
  }

  private void wantWrite() {
    SelectionKey k = selectionKey;
    if (k != null && k.isValid()) {
      k.interestOps(k.interestOps() | SelectionKey.OP_WRITE);
    } else if (!flushScheduled) {
      // not registered yet: try again shortly
      flushScheduled = true;
      mux.engine().after(Duration.ofMillis(1), () -> runOnLoop(() -> {
        flushScheduled = false;
        flushQuietly();
      }));
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (IOException e) {
      failAll(e);
    }
  }

  private void flush() throws IOException {
    while (!unsent.isEmpty()) {
      if (channel.write(unsent.peekFirst()) == 0) {
        wantWrite();
        return;
      }
      unsent.pollFirst();
    }
    SelectionKey k = selectionKey;
    if (k != null && k.isValid()) {
      k.interestOps(SelectionKey.OP_READ);
    }
  }

  @Override
  public void ready(SelectionKey k) throws IOException {
    selectionKey = k;
    if (k.isWritable()) {
      flush();
    }
    if (k.isValid() && k.isReadable()) {
      read();
    }
  }

  private void read() throws IOException {
    while (true) {
      in.clear();
      int n;
      try {
        n = channel.read(in);
      } catch (PortUnreachableException e) {
        for (UdpAttempt a : pending.values()) {
          a.unreachable(e);
        }
        continue;
      }
      if (n <= 0) {
        return;
      }
      long arrived = System.nanoTime();
      if (n < 2) {
        continue;
      }
      int id = ((in.get(0) & 0xff) << 8) | (in.get(1) & 0xff);
      UdpAttempt a = pending.get(id);
      if (a != null) {
        a.datagram(in, n, arrived);
      } else {
        stray(n);
      }
    }
  }

  /** A datagram whose id names no waiting query: tell a query with the same question, if there is one. */
  private void stray(int n) {
    if (pending.isEmpty()) {
      return;
    }
    Message m;
    try {
      m = new Message(java.util.Arrays.copyOf(in.array(), n));
    } catch (IOException malformed) {
      return;
    }
    for (UdpAttempt a : pending.values()) {
      WireQuery w = a.waitingFor();
      if (w != null && w.questionMismatch(m) == null) {
        a.ignored("a reply with id " + m.getHeader().getID() + " instead of " + w.id());
        return;
      }
    }
  }

  @Override
  public void failed(Exception e) {
    failAll(e instanceof IOException io ? io : new IOException(e));
  }

  private void failAll(IOException e) {
    close();
    for (UdpAttempt a : pending.values()) {
      a.socketFailed(e);
    }
    pending.clear();
  }

  private void scheduleIdleCheck(long nanos) {
    if (idleCheckScheduled) {
      return;
    }
    idleCheckScheduled = true;
    try {
      mux.engine().after(Duration.ofNanos(nanos), () -> runOnLoop(this::closeIfIdle));
    } catch (IllegalStateException engineClosed) {
      idleCheckScheduled = false;
    }
  }

  private void closeIfIdle() {
    idleCheckScheduled = false;
    if (!pending.isEmpty() || !channel.isOpen()) {
      return;
    }
    long idleFor = System.nanoTime() - idleSince;
    if (idleFor >= UdpMux.IDLE.toNanos()) {
      close();
    } else {
      scheduleIdleCheck(UdpMux.IDLE.toNanos() - idleFor);
    }
  }

  private void runOnLoop(Runnable task) {
    try {
      mux.loop().execute(task);
    } catch (IllegalStateException engineClosed) {
      // the engine closed its channels itself
    }
  }

  void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing more to release
    }
    mux.closed(this);
  }

  /** Queries waiting on this socket (for tests). */
  int waiting() {
    return pending.size();
  }
}
