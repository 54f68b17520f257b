package io.netprobe.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import javax.annotation.Nullable;

/**
 * An exchange's bytes over the bare channel — plain HTTP, and a proxy's CONNECT before TLS takes the channel over:
 * what the channel does not take at once is written when it is ready, and what comes is read into a buffer made for
 * the read (none is held while the peer is silent) and handed to the exchange. Not thread-safe: its exchange's loop
 * runs it.
 */
final class PlainWire {
  private static final int READ_BUFFER = 8192;

  private final SocketChannel channel;
  private final IntConsumer interest;
  private final EngineTls.Peer peer;
  private @Nullable ByteBuffer toSend;

  /** @param interest sets the channel's interest ({@link SelectionKey}'s operations) on the loop */
  PlainWire(SocketChannel channel, IntConsumer interest, EngineTls.Peer peer) {
    this.channel = channel;
    this.interest = interest;
    this.peer = peer;
  }

  void send(ByteBuffer bytes) throws IOException {
    toSend = bytes;
    channel.write(bytes);
    if (bytes.hasRemaining()) {
      interest.accept(SelectionKey.OP_WRITE);
    } else {
      toSend = null;
      interest.accept(SelectionKey.OP_READ);
    }
  }

  /** The channel is ready: the rest written, or what came read while {@code plain} (TLS has not taken over). */
  void ready(SelectionKey k, BooleanSupplier plain) throws IOException {
    if (k.isWritable()) {
      ByteBuffer out = toSend;
      if (out != null) {
        channel.write(out);
        if (!out.hasRemaining()) {
          toSend = null;
          k.interestOps(SelectionKey.OP_READ);
        }
      }
      return;
    }
    if (!k.isReadable()) {
      return;
    }
    ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    while (!peer.over() && plain.getAsBoolean()) {
      buffer.clear();
      int n = channel.read(buffer);
      if (n == 0) {
        return;
      }
      if (n < 0) {
        peer.ended();
        return;
      }
      buffer.flip();
      peer.received(buffer);
    }
  }
}
