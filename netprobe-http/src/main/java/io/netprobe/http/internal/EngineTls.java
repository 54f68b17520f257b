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
 * held while the peer is silent but the {@link SSLEngine}: the network and application buffers are made when bytes
 * come and dropped when they are spent. Not thread-safe: its exchange's loop runs it.
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
  private @Nullable ByteBuffer netIn;
  private @Nullable ByteBuffer netOut;
  private @Nullable ByteBuffer appIn;
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
        .orElse(ExchangeLookup.bare(request.url().getHost()));
    int port = request.url().getPort() != -1 ? request.url().getPort() : 443;
    SSLEngine engine = inspection.engine(peerHost, port);
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

  /** Says close_notify if the channel takes it at once; the caller closes the channel. */
  void closeQuietly() {
    try {
      engine.closeOutbound();
      ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      engine.wrap(NOTHING, out);
      out.flip();
      channel.write(out);
    } catch (IOException | RuntimeException ignored) {
      // the connection is being closed anyway
    }
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
    }
  }

  /** Writes what was wrapped; false while some of it is left for the channel to take. */
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

  private void wrap(ByteBuffer app) throws IOException {
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    while (true) {
      SSLEngineResult r = engine.wrap(app, out);
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        ByteBuffer larger = ByteBuffer.allocate(out.capacity() * 2);
        out.flip();
        larger.put(out);
        out = larger;
        continue;
      }
      if (r.getStatus() == SSLEngineResult.Status.CLOSED && r.bytesProduced() == 0) {
        throw new SSLException("the TLS connection was closed");
      }
      break;
    }
    out.flip();
    netOut = out;
  }

  /**
   * Unwraps what has come, reading the channel when a whole record has not; true when it made progress (a record
   * unwrapped), false when the channel has nothing more for now.
   */
  private boolean unwrap() throws IOException {
    while (true) {
      ByteBuffer in = netIn;
      if (in != null && in.hasRemaining()) {
        ByteBuffer app = appIn;
        if (app == null) {
          app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
          appIn = app;
        }
        SSLEngineResult r = engine.unwrap(in, app);
        switch (r.getStatus()) {
          case OK -> {
            if (r.bytesConsumed() == 0 && r.bytesProduced() == 0 && r.getHandshakeStatus()
                == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
              break; // nothing whole to unwrap yet: read on
            }
            deliver();
            return true;
          }
          case BUFFER_OVERFLOW -> {
            ByteBuffer larger = ByteBuffer.allocate(Math.max(app.capacity() * 2,
                engine.getSession().getApplicationBufferSize()));
            app.flip();
            larger.put(app);
            appIn = larger;
            continue;
          }
          case CLOSED -> {
            deliver();
            end();
            return false;
          }
          default -> {
            // BUFFER_UNDERFLOW: the rest of the record is still on its way
          }
        }
      }
      if (!read()) {
        return false;
      }
    }
  }

  /** Reads the channel into the network buffer; false when nothing came (or the peer closed, reported). */
  private boolean read() throws IOException {
    ByteBuffer in = netIn;
    int size = engine.getSession().getPacketBufferSize();
    if (in == null) {
      in = ByteBuffer.allocate(size);
    } else {
      in.compact();
      if (in.remaining() < size && in.capacity() < 2 * size) {
        ByteBuffer larger = ByteBuffer.allocate(in.position() + size);
        in.flip();
        larger.put(in);
        in = larger;
      }
    }
    int n = channel.read(in);
    in.flip();
    netIn = in.hasRemaining() ? in : null; // a silent peer leaves no buffer behind
    if (n < 0) {
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

  private void deliver() throws IOException {
    ByteBuffer app = appIn;
    if (app != null && app.position() > 0) {
      app.flip();
      peer.received(app);
      app.clear();
    }
    if (netIn == null || !netIn.hasRemaining()) {
      appIn = null;
    }
  }

  private void end() throws IOException {
    if (!ended) {
      ended = true;
      peer.ended();
    }
  }
}
