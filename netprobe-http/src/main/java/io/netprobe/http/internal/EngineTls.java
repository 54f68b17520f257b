package io.netprobe.http.internal;

import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.TlsInfo;
import io.netprobe.spi.HttpExchangeRequest;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.function.IntConsumer;
import javax.annotation.Nullable;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * TLS over one non-blocking channel, driven by its loop: the handshake's steps as the peer's bytes come (its
 * delegated tasks — certificate checks — run on the loop), then application bytes wrapped and unwrapped. Nothing is
 * held while the peer is silent but the {@link SSLEngine}: records are wrapped and unwrapped in buffers of the loop
 * thread's own ({@link Scratch}), and only what is left over — a record half come, bytes the channel did not take —
 * is copied into a buffer of the exchange's. Closing frees the engine's native state at once (Conscrypt's: its
 * BoringSSL object and the two file descriptors of its pipe), not at finalization. Not thread-safe: its exchange's
 * loop runs it.
 */
final class EngineTls {
  /** What the exchange is told. */
  interface Peer {
    /** The handshake is done and the host verified; application bytes may be sent. */
    void handshaken(TlsInfo info) throws IOException;

    /** Application bytes came (the buffer is only valid during the call). */
    void received(ByteBuffer bytes) throws IOException;

    /** The peer ended its side (a close_notify, or the connection closed after the handshake). */
    void ended() throws IOException;

    /** Whether the exchange is over, so that nothing more is read or written. */
    boolean over();
  }

  private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

  private final SSLEngine engine;
  private final TlsInspection inspection;
  private final SocketChannel channel;
  private final IntConsumer interest;
  private final Peer peer;
  private final ArrayDeque<ByteBuffer> toWrap = new ArrayDeque<>(2);
  /** What is left of a record half come: the loop's scratch buffer during a step, a copy of its own between. */
  private @Nullable ByteBuffer netIn;
  /** What the channel did not take of a wrapped record. */
  private @Nullable ByteBuffer netOut;
  private boolean handshaken;
  private boolean stepping;
  private boolean ended;

  /**
   * @param inspection records the handshake and verifies the host once it is done (as OkHttp's verifier)
   * @param interest sets the channel's interest ({@link SelectionKey}'s operations) on the loop
   */
  EngineTls(SSLEngine engine, TlsInspection inspection, SocketChannel channel, IntConsumer interest, Peer peer) {
    this.engine = engine;
    this.inspection = inspection;
    this.channel = channel;
    this.interest = interest;
    this.peer = peer;
  }

  /**
   * TLS for {@code request} over {@code channel} as OkHttp sets it up: naming the configured server name or the
   * URL's host, with its connection spec and ALPN ({@link TlsParameters}), verified by {@code inspection}.
   */
  static EngineTls open(TlsInspection inspection, HttpExchangeRequest request, SocketChannel channel,
      IntConsumer interest, Peer peer) throws IOException {
    HttpProbeSpec spec = request.options();
    String peerHost = TlsInspection.serverName(spec, request.url())
        .orElse(ExchangeLookup.bare(Http1RequestHead.host(request.url())));
    SSLEngine engine = inspection.engine(peerHost, Http1RequestHead.port(request.url()));
    TlsParameters.apply(engine, spec.options().connection());
    return new EngineTls(engine, inspection, channel, interest, peer);
  }

  /** OkHttp's checks once the handshake is done: the host name, the protocol ALPN agreed on. */
  private TlsInfo handshakeDone() throws IOException {
    String alpn = engine.getApplicationProtocol();
    if (!inspection.verifyHost(engine.getSession())) {
      throw new SSLPeerUnverifiedException("Hostname " + inspection.host() + " not verified");
    }
    if (alpn != null && !alpn.isEmpty() && !alpn.equals("h2") && !alpn.equals("http/1.1")
        && !alpn.equals("http/1.0")) {
      throw new IOException("Unexpected protocol: " + alpn);
    }
    return inspection.info(engine.getSession(), alpn);
  }

  /** Starts the handshake. */
  void start() throws IOException {
    engine.beginHandshake();
    step();
  }

  /** The channel is ready for what was asked. */
  void ready() throws IOException {
    step();
  }

  /** Sends {@code bytes} once the handshake is done (queued until then). */
  void send(ByteBuffer bytes) throws IOException {
    toWrap.add(bytes);
    step();
  }

  /**
   * Says close_notify if the channel takes it at once and frees the engine; the caller closes the channel.
   */
  void closeQuietly() {
    try {
      engine.closeOutbound();
      ByteBuffer out = Scratch.net(engine.getSession().getPacketBufferSize());
      engine.wrap(NOTHING, out);
      out.flip();
      channel.write(out);
    } catch (IOException | RuntimeException ignored) {
      // the connection is being closed anyway
    }
    try {
      engine.closeInbound(); // with the outbound side done, Conscrypt frees its native state now
    } catch (SSLException | RuntimeException noCloseNotify) {
      // the peer's close_notify never came: expected when the exchange ends first
    }
    netIn = null;
    netOut = null;
  }

  private void step() throws IOException {
    if (stepping) {
      return; // a callback asked for more: the running step does it
    }
    stepping = true;
    try {
      while (!peer.over() && !ended) {
        if (!flush()) {
          interest.accept(SelectionKey.OP_WRITE);
          return;
        }
        SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
        switch (hs) {
          case NEED_TASK -> {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
              task.run();
            }
          }
          case NEED_WRAP -> wrap(NOTHING);
          case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
            if (!unwrap()) {
              interest.accept(SelectionKey.OP_READ);
              return;
            }
          }
          default -> {
            if (!handshaken) {
              handshaken = true;
              peer.handshaken(handshakeDone());
            } else if (!toWrap.isEmpty()) {
              ByteBuffer next = toWrap.peek();
              wrap(next);
              if (!next.hasRemaining()) {
                toWrap.poll();
              }
            } else if (!unwrap()) {
              interest.accept(SelectionKey.OP_READ);
              return;
            }
          }
        }
      }
    } finally {
      stepping = false;
      ByteBuffer in = netIn;
      if (in != null && Scratch.owns(in)) {
        netIn = copy(in); // the loop's buffer serves the next exchange: what is left here is kept apart
      }
    }
  }

  /** Writes what was wrapped and left over; false while some of it is still left for the channel to take. */
  private boolean flush() throws IOException {
    ByteBuffer out = netOut;
    if (out == null) {
      return true;
    }
    channel.write(out);
    if (out.hasRemaining()) {
      return false;
    }
    netOut = null;
    return true;
  }

  /** Wraps {@code app} (as much as one record takes) and writes it; what the channel does not take is kept. */
  private void wrap(ByteBuffer app) throws IOException {
    ByteBuffer out = Scratch.net(engine.getSession().getPacketBufferSize());
    SSLEngineResult r = engine.wrap(app, out);
    while (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
      out = Scratch.net(out.capacity() * 2);
      r = engine.wrap(app, out);
    }
    if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
      throw new SSLException("the TLS connection was closed");
    }
    out.flip();
    channel.write(out);
    if (out.hasRemaining()) {
      netOut = copy(out);
    }
  }

  /**
   * Unwraps what has come, reading the channel when a whole record has not; true when it made progress (a record
   * unwrapped), false when the channel has nothing more for now.
   */
  private boolean unwrap() throws IOException {
    while (true) {
      ByteBuffer in = netIn;
      if (in != null && in.hasRemaining()) {
        ByteBuffer app = Scratch.app(engine.getSession().getApplicationBufferSize());
        SSLEngineResult r = engine.unwrap(in, app);
        while (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
          app = Scratch.app(app.capacity() * 2);
          r = engine.unwrap(in, app);
        }
        if (!in.hasRemaining()) {
          netIn = null;
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
          deliver(app);
          end();
          return false;
        }
        SSLEngineResult.HandshakeStatus next = r.getHandshakeStatus();
        if (r.bytesConsumed() > 0 || r.bytesProduced() > 0 || next == SSLEngineResult.HandshakeStatus.NEED_TASK
            || next == SSLEngineResult.HandshakeStatus.NEED_WRAP || next == SSLEngineResult.HandshakeStatus.FINISHED) {
          deliver(app);
          return true; // the step goes on (a task or a record to send may be what the engine needs now)
        }
        // BUFFER_UNDERFLOW: the rest of the record is still on its way
      }
      if (!read()) {
        return false;
      }
    }
  }

  /** Reads the channel behind what is left of a record; false when nothing came (or the peer closed, reported). */
  private boolean read() throws IOException {
    ByteBuffer in = Scratch.netIn(netIn, engine.getSession().getPacketBufferSize());
    int n = channel.read(in);
    in.flip();
    netIn = in.hasRemaining() ? in : null;
    if (n < 0) {
      netIn = null;
      if (!handshaken) {
        SSLHandshakeException cut = new SSLHandshakeException("Remote host terminated the handshake");
        cut.initCause(new EOFException("SSL peer shut down incorrectly"));
        throw cut;
      }
      end();
      return false;
    }
    return n > 0;
  }

  private void deliver(ByteBuffer app) throws IOException {
    if (app.position() > 0) {
      app.flip();
      peer.received(app);
    }
  }

  private static ByteBuffer copy(ByteBuffer b) {
    ByteBuffer c = ByteBuffer.allocate(b.remaining());
    c.put(b);
    c.flip();
    return c;
  }

  private void end() throws IOException {
    if (!ended) {
      ended = true;
      peer.ended();
    }
  }

  /**
   * Buffers of the loop thread's own for the records in hand during one step of one exchange: wrapping and unwrapping
   * a record needs room for the largest one (~16 KB), which thousands of exchanges waiting need not each hold.
   */
  private static final class Scratch {
    private static final ThreadLocal<ByteBuffer[]> BUFFERS = ThreadLocal.withInitial(() -> new ByteBuffer[3]);
    private static final int NET = 0;
    private static final int APP = 1;
    private static final int NET_IN = 2;

    private Scratch() {}

    /** The buffer to wrap into, empty, with room for {@code min} bytes. */
    static ByteBuffer net(int min) {
      return cleared(NET, min);
    }

    /** The buffer to unwrap into, empty, with room for {@code min} bytes. */
    static ByteBuffer app(int min) {
      return cleared(APP, min);
    }

    /** The buffer to read into, holding {@code left}'s bytes first (if any), with room for {@code room} more. */
    static ByteBuffer netIn(@Nullable ByteBuffer left, int room) {
      ByteBuffer[] all = BUFFERS.get();
      ByteBuffer mine = all[NET_IN];
      int leftover = left == null ? 0 : left.remaining();
      if (left != null && left == mine) {
        if (mine.capacity() - leftover >= room) {
          mine.compact();
          return mine;
        }
        ByteBuffer larger = ByteBuffer.allocate(leftover + room);
        larger.put(mine);
        all[NET_IN] = larger;
        return larger;
      }
      if (mine == null || mine.capacity() < leftover + room) {
        mine = ByteBuffer.allocate(leftover + room);
        all[NET_IN] = mine;
      }
      mine.clear();
      if (left != null) {
        mine.put(left);
      }
      return mine;
    }

    static boolean owns(ByteBuffer b) {
      return BUFFERS.get()[NET_IN] == b;
    }

    private static ByteBuffer cleared(int slot, int min) {
      ByteBuffer[] all = BUFFERS.get();
      ByteBuffer b = all[slot];
      if (b == null || b.capacity() < min) {
        b = ByteBuffer.allocate(min);
        all[slot] = b;
      }
      b.clear();
      return b;
    }
  }
}
