package io.netprobe.exporter.internal.web;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The exporter's HTTP/1.1 server on Netty: one event loop per CPU (epoll where Netty's native library loads, NIO
 * otherwise) for every listening address, keep-alive, TLS by an {@link SslHandler} over the web config's
 * {@link SSLContext}. Requests go to the router on the event loop. Thread-safe; {@link #close()} stops it.
 */
final class WebServer implements AutoCloseable {
  /** A keep-alive connection with nothing in flight is closed after this long without traffic. */
  private static final int IDLE_SECONDS = 300;
  /** Long probe URLs (a target with a query string) fit; Go's server allows far more, the codec's default 4 KB. */
  private static final int MAX_LINE_AND_HEADERS = 64 * 1024;

  private final EventLoopGroup loops;
  private final Class<? extends ServerChannel> channelType;
  private final List<Channel> listening = new ArrayList<>();

  WebServer(int threads) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.loops = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("exporter-http-loop", true), io);
    this.channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /**
   * Listens on {@code address}.
   *
   * @param tls the server's TLS context, or null for plain HTTP
   * @param protocols the TLS versions allowed
   * @throws IOException when the address cannot be bound
   */
  InetSocketAddress listen(InetSocketAddress address, @Nullable SSLContext tls, String[] protocols,
      Consumer<Exchange> router) throws IOException {
    ServerBootstrap b = new ServerBootstrap().group(loops).channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ChannelPipeline p = ch.pipeline();
            if (tls != null) {
              SSLEngine engine = tls.createSSLEngine();
              engine.setUseClientMode(false);
              SSLParameters params = tls.getDefaultSSLParameters();
              params.setProtocols(protocols);
              engine.setSSLParameters(params);
              p.addLast(new SslHandler(engine));
            }
            p.addLast(new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(MAX_LINE_AND_HEADERS)
                .setMaxHeaderSize(MAX_LINE_AND_HEADERS)));
            p.addLast(new HttpServerExpectContinueHandler());
            p.addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
            p.addLast(new HttpConnection(router));
          }
        });
    ChannelFuture bound = b.bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      // Netty's native message is "bind(..) failed with error(-98): Address already in use": name the address
      Throwable cause = bound.cause();
      String why = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      throw new IOException("listen tcp " + address.getAddress().getHostAddress() + ":" + address.getPort() + ": "
          + why.replaceFirst("^bind\\(\\.\\.\\) failed with error\\(-?\\d+\\): ", "bind: "), cause);
    }
    synchronized (listening) {
      listening.add(bound.channel());
    }
    return (InetSocketAddress) bound.channel().localAddress();
  }

  @Override
  public void close() {
    synchronized (listening) {
      listening.forEach(c -> c.close().awaitUninterruptibly());
      listening.clear();
    }
    loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
