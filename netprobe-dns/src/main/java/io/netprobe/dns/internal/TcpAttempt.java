package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsTransport;
import io.netprobe.internal.ConnectFailures;
import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import org.xbill.DNS.Message;

/**
 * One server asked over TCP on the engine's loop, as {@link TcpExchanger} does with a selector of its own: a fresh
 * non-blocking connection (RFC 7766 framing), messages that answer another question skipped, the round-trip time
 * measured from the send, the connection closed when done, at the deadline or on cancellation. Completes
 * {@code done} exactly once unless cancelled. Confined to the loop thread.
 */
final class TcpAttempt implements IoLoop.Handler, AsyncQuery.Step {
  private final UdpMux mux;
  private final InetSocketAddress server;
  private final @Nullable InetAddress local;
  private final WireQuery query;
  private final Deadline deadline;
  private final Consumer<Exchange> done;
  private @Nullable SocketChannel channel;
  private @Nullable ProbeEngine.Cancellable timer;
  private boolean connected;
  private boolean querySent;
  private long sentAt;
  private @Nullable ByteBuffer out;
  private final ByteBuffer length = ByteBuffer.allocate(2);
  private @Nullable ByteBuffer body;
  private @Nullable String ignored;
  private boolean finished;
  /** The socket is closing: its fd is freed at the loop's next select. */
  private boolean closing;
  /** What a cancellation during the close runs once the fd is free. */
  private @Nullable Runnable afterClose;

  TcpAttempt(UdpMux mux, InetSocketAddress server, @Nullable InetAddress local, WireQuery query, Deadline deadline,
      Consumer<Exchange> done) {
    this.mux = mux;
    this.server = server;
    this.local = local;
    this.query = query;
    this.deadline = deadline;
    this.done = done;
  }

  void start() {
    try {
      timer = mux.engine().at(deadline, () -> {
        try {
          mux.loop().execute(this::expired);
        } catch (IllegalStateException engineClosed) {
          // the engine closed the channel itself
        }
      });
      SocketChannel ch = SocketChannel.open(server.getAddress() instanceof java.net.Inet6Address
          ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
      channel = ch;
      ch.configureBlocking(false);
      if (local != null) {
        ch.bind(new InetSocketAddress(local, 0));
      }
      connected = ch.connect(server);
      mux.loop().register(ch, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, this);
    } catch (IOException e) {
      failed(e);
    } catch (IllegalStateException engineClosed) {
      finish(new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.CANCELLED, "the DNS client is closed"), 0));
    }
  }

  @Override
  public void ready(SelectionKey key) throws IOException {
    if (finished) {
      return;
    }
    SocketChannel ch = (SocketChannel) key.channel();
    if (!connected) {
      if (!ch.finishConnect()) {
        return;
      }
      connected = true;
      key.interestOps(SelectionKey.OP_WRITE);
    }
    if (out == null) {
      out = ByteBuffer.allocate(2 + query.size());
      out.putShort((short) query.size()).put(query.wire()).flip();
      sentAt = System.nanoTime();
      querySent = true;
    }
    if (out.hasRemaining()) {
      ch.write(out);
      if (out.hasRemaining()) {
        return;
      }
      key.interestOps(SelectionKey.OP_READ);
    }
    read(ch);
  }

  private void read(SocketChannel ch) throws IOException {
    while (!finished) {
      ByteBuffer target = body == null ? length : body;
      int n = ch.read(target);
      if (n < 0) {
        throw new EOFException("connection closed");
      }
      if (target.hasRemaining()) {
        return;
      }
      if (body == null) {
        body = ByteBuffer.allocate(length.flip().getShort() & 0xffff);
        if (body.hasRemaining()) {
          continue;
        }
      }
      long arrived = System.nanoTime();
      byte[] bytes = body.array();
      body = null;
      length.clear();
      Message response;
      try {
        response = new Message(bytes);
      } catch (IOException malformed) {
        finish(new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, Endpoints.describe(server)
            + " sent a malformed message of " + bytes.length + " bytes over TCP (" + Endpoints.reason(malformed)
            + ")", malformed), 1));
        return;
      }
      String mismatch = query.mismatch(response);
      if (mismatch != null) {
        ignored = "a reply with " + mismatch;
        continue;
      }
      finish(new Exchange.Answered(server, response, bytes.length, Duration.ofNanos(arrived - sentAt),
          DnsTransport.TCP, 1));
    }
  }

  private void expired() {
    if (finished) {
      return;
    }
    if (!connected) {
      finish(new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.TIMEOUT, "could not connect to "
          + Endpoints.describe(server) + " over TCP before the deadline"), 0));
    } else {
      finish(new Exchange.NoAnswer(server, UdpExchanger.silence(server, 1, ignored), 1));
    }
  }

  @Override
  public void failed(Exception e) {
    if (e instanceof EOFException eof) {
      finish(new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.CONNECTION_RESET, Endpoints.describe(server)
          + " closed the TCP connection before answering", eof), 1));
      return;
    }
    IOException io = e instanceof IOException x ? x : new IOException(e);
    FailureKind kind = ConnectFailures.kind(io);
    String what = kind == FailureKind.CONNECTION_REFUSED ? ": connection refused over TCP"
        : " over TCP: " + io.getMessage();
    finish(new Exchange.NoAnswer(server, ProbeFailure.of(kind, "communications error to "
        + Endpoints.describe(server) + what, io), querySent ? 1 : 0));
  }

  /**
   * Decides the outcome; {@code done} runs once the socket's fd is really free ({@link IoLoop#closeThen}), so that
   * the probe the in-flight bound starts next cannot find the open-files limit still holding it.
   */
  private void finish(Exchange e) {
    if (finished) {
      return;
    }
    release(() -> done.accept(e));
  }

  /** Stops the timer, closes the socket and runs {@code then} on the loop once its fd is free. */
  private void release(Runnable then) {
    finished = true;
    if (timer != null) {
      timer.cancel();
    }
    SocketChannel ch = channel;
    channel = null;
    if (ch == null) {
      then.run();
      return;
    }
    closing = true;
    mux.loop().closeThen(ch, () -> {
      closing = false;
      then.run();
      Runnable after = afterClose;
      afterClose = null;
      if (after != null) {
        after.run();
      }
    });
  }

  @Override
  public void cancel() {
    cancel(() -> {});
  }

  /** Withdraws the query; {@code released} runs on the loop once the connection's fd is free. */
  @Override
  public void cancel(Runnable released) {
    if (closing) {
      Runnable before = afterClose;
      afterClose = before == null ? released : () -> {
        before.run();
        released.run();
      };
    } else if (!finished) {
      release(released);
    } else {
      released.run();
    }
  }
}
