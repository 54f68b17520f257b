package io.netprobe.http.internal;

import io.netprobe.http.HttpHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import java.io.ByteArrayOutputStream;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Reads one HTTP/3 response off its request stream: skips interim (1xx) heads, keeps the final head and at most
 * {@code limit} body bytes as they came off the wire, and tells its {@link Listener} once: the response is complete
 * (or the limit reached), or the stream failed. Runs on the exchange's event loop only; not thread-safe.
 */
final class Http3ResponseReader extends Http3RequestStreamInboundHandler {
  /** What the reader reports, on the event loop. */
  interface Listener {
    void head(int status);

    void complete();

    void failed(Throwable cause);
  }

  private final Listener listener;
  private final long limit;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private @Nullable HttpHeaders headers;
  private int status;
  private boolean truncated;
  private boolean done;

  Http3ResponseReader(Listener listener, long limit) {
    this.listener = listener;
    this.limit = limit;
  }

  @Override
  protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
    if (done || headers != null) {
      return; // trailers: not part of what a probe reports
    }
    CharSequence text = frame.headers().status();
    int code;
    try {
      code = text == null ? -1 : Integer.parseInt(text.toString());
    } catch (NumberFormatException e) {
      code = -1;
    }
    if (code < 100 || code > 999) {
      finish(new IllegalStateException("the response head has no valid :status (" + text + ")"));
      return;
    }
    if (code < 200) {
      return; // an interim response (100 Continue, 103 Early Hints): the final one follows
    }
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    for (Map.Entry<CharSequence, CharSequence> h : frame.headers()) {
      String name = h.getKey().toString();
      if (!name.startsWith(":")) {
        entries.add(Map.entry(name, h.getValue().toString()));
      }
    }
    status = code;
    headers = HttpHeaders.of(entries);
    listener.head(code);
  }

  @Override
  protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
    try {
      if (done || headers == null) {
        return;
      }
      ByteBuf content = frame.content();
      long room = limit - body.size();
      int take = (int) Math.min(room, content.readableBytes());
      content.readBytes(body, take);
      if (content.isReadable()) {
        truncated = true;
        finish(null); // the limit is reached: the rest is not read
      }
    } catch (java.io.IOException e) {
      finish(e);
    } finally {
      frame.release();
    }
  }

  @Override
  protected void channelInputClosed(ChannelHandlerContext ctx) {
    if (headers == null) {
      finish(new ClosedChannelException());
      return;
    }
    finish(null);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    finish(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    finish(new ClosedChannelException());
    super.channelInactive(ctx);
  }

  private void finish(@Nullable Throwable failure) {
    if (done) {
      return;
    }
    done = true;
    if (failure != null) {
      listener.failed(failure);
    } else {
      listener.complete();
    }
  }

  int status() {
    return status;
  }

  @Nullable HttpHeaders headers() {
    return headers;
  }

  /** The body bytes as they came, up to the limit. */
  byte[] wireBody() {
    return body.toByteArray();
  }

  /** Whether more body came than the limit. */
  boolean truncated() {
    return truncated;
  }
}
