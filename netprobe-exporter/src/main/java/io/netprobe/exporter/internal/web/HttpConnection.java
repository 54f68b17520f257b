package io.netprobe.exporter.internal.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * One client connection: each request becomes an {@link Exchange} handed to the router on the event loop; answers
 * may come from any thread and are written in request order (a pipelining client gets them in the order it asked),
 * one write and flush each. Not thread-safe itself: all its state is touched on the channel's event loop only.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
  private final Consumer<Exchange> router;
  private final Map<Long, Answer> early = new HashMap<>();
  private @Nullable ChannelHandlerContext ctx;
  private long received;
  private long written;
  private boolean closing;

  private record Answer(FullHttpResponse response, boolean keepAlive) {}

  HttpConnection(Consumer<Exchange> router) {
    this.router = router;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest r && !closing) {
        request(r);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void request(HttpRequest r) {
    long sequence = received++;
    if (r.decoderResult().isFailure()) {
      boolean tooLong = r.decoderResult().cause() instanceof TooLongFrameException;
      answer(sequence, plain(tooLong ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
          : HttpResponseStatus.BAD_REQUEST), false);
      return;
    }
    String uri = r.uri();
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    String rawQuery = q < 0 ? null : uri.substring(q + 1);
    String path;
    try {
      if (!rawPath.startsWith("/") || rawPath.indexOf('%') >= 0) {
        URI u = new URI(uri);
        path = u.getPath() == null ? "/" : u.getPath();
        rawQuery = u.getRawQuery();
      } else {
        path = rawPath;
      }
    } catch (URISyntaxException e) {
      answer(sequence, plain(HttpResponseStatus.BAD_REQUEST), false);
      return;
    }
    router.accept(new Exchange(this, sequence, r.method().name(), r.protocolVersion(), r.headers(),
        HttpUtil.isKeepAlive(r), path.isEmpty() ? "/" : path, rawQuery));
  }

  private static FullHttpResponse plain(HttpResponseStatus status) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(
        (status.code() + " " + status.reasonPhrase() + "\n").getBytes(StandardCharsets.UTF_8)));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, Http.TEXT).set(HttpHeaderNames.CONTENT_LENGTH,
        r.content().readableBytes()).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    return r;
  }

  /** Writes the answer to request {@code sequence} once those before it are written. Any thread. */
  void answer(long sequence, FullHttpResponse response, boolean keepAlive) {
    ChannelHandlerContext c = ctx;
    if (c == null) {
      response.release();
      return;
    }
    if (c.executor().inEventLoop()) {
      write(c, sequence, response, keepAlive);
    } else {
      c.executor().execute(() -> write(c, sequence, response, keepAlive));
    }
  }

  private void write(ChannelHandlerContext c, long sequence, FullHttpResponse response, boolean keepAlive) {
    if (sequence != written) {
      early.put(sequence, new Answer(response, keepAlive));
      return;
    }
    writeOne(c, response, keepAlive);
    for (Answer next; (next = early.remove(written)) != null; ) {
      writeOne(c, next.response(), next.keepAlive());
    }
    c.flush();
  }

  private void writeOne(ChannelHandlerContext c, FullHttpResponse response, boolean keepAlive) {
    written++;
    if (closing) {
      response.release();
      return;
    }
    if (keepAlive) {
      c.write(response, c.voidPromise());
    } else {
      closing = true;
      c.write(response).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    // an idle keep-alive connection: closed unless a probe is still running for it
    if (evt instanceof IdleStateEvent && written == received) {
      ctx.close();
    }
    ReferenceCountUtil.release(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    early.values().forEach(a -> a.response().release());
    early.clear();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // the client reset the connection, or TLS failed: nothing to answer
    ctx.close();
  }
}
