package io.netprobe.testing;

import io.netprobe.testing.site.LocalCertificate;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.DefaultHttp3DataFrame;
import io.netty.handler.codec.http3.DefaultHttp3HeadersFrame;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3DataFrame;
import io.netty.handler.codec.http3.Http3HeadersFrame;
import io.netty.handler.codec.http3.Http3RequestStreamInboundHandler;
import io.netty.handler.codec.http3.Http3ServerConnectionHandler;
import io.netty.handler.codec.quic.InsecureQuicTokenHandler;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/3 server in the test's JVM, on Netty's QUIC codec: listens on a free UDP port of 127.0.0.1 with a
 * {@link LocalCertificate}, answers each path with the response set for it ({@link #respond}; 404 otherwise), and
 * records the requests it received. One daemon event loop thread; {@link #close()} ends it. Needs
 * {@code io.netty:netty-codec-http3} on the class path (an optional dependency of netprobe-testing).
 *
 * <pre>{@code
 * try (Http3TestServer server = Http3TestServer.start(LocalCertificate.forThisProcess("localhost"))) {
 *   server.respond("/", 200, "hello", Map.of("x-served-by", "test"));
 *   URI url = server.url("/");
 * }
 * }</pre>
 *
 * <p>Thread-safe: the routes and the request log are concurrent collections.
 */
public final class Http3TestServer implements AutoCloseable {
  /** A request as the server received it. */
  public record Request(String method, String path, String authority, Map<String, String> headers, byte[] body) {}

  private record Answer(int status, byte[] body, Map<String, String> headers) {}

  private final EventLoopGroup group;
  private final Channel channel;
  private final Map<String, Answer> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private Http3TestServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /** Whether Netty's native QUIC library loads here (the server and HTTP/3 probes need it); why not, if not. */
  public static Optional<String> unavailableReason() {
    return Quic.isAvailable() ? Optional.empty() : Optional.of(String.valueOf(Quic.unavailabilityCause()));
  }

  /**
   * Starts a server presenting {@code certificate}.
   *
   * @throws IllegalStateException when the native QUIC library does not load here
   */
  public static Http3TestServer start(LocalCertificate certificate) throws InterruptedException {
    return start(certificate, null);
  }

  /**
   * Starts a server presenting {@code certificate} that requires a client certificate signed by (or equal to)
   * {@code clientIssuer} (mutual TLS), or none when it is null.
   *
   * @throws IllegalStateException when the native QUIC library does not load here
   */
  public static Http3TestServer start(LocalCertificate certificate,
      java.security.cert.X509Certificate clientIssuer) throws InterruptedException {
    Quic.ensureAvailability();
    QuicSslContextBuilder sslBuilder = QuicSslContextBuilder.forServer(certificate.privateKey(), null,
        certificate.certificate()).applicationProtocols(Http3.supportedApplicationProtocols());
    if (clientIssuer != null) {
      sslBuilder.trustManager(clientIssuer).clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE);
    }
    QuicSslContext ssl = sslBuilder.build();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("http3-test-server", true),
        NioIoHandler.newFactory());
    Http3TestServer[] self = new Http3TestServer[1];
    ChannelHandler codec = Http3.newQuicServerCodecBuilder()
        .sslContext(ssl)
        .maxIdleTimeout(10, TimeUnit.SECONDS)
        .initialMaxData(16L * 1024 * 1024)
        .initialMaxStreamDataBidirectionalLocal(8L * 1024 * 1024)
        .initialMaxStreamDataBidirectionalRemote(8L * 1024 * 1024)
        .initialMaxStreamsBidirectional(100)
        .tokenHandler(InsecureQuicTokenHandler.INSTANCE)
        .handler(new ChannelInitializer<QuicChannel>() {
          @Override
          protected void initChannel(QuicChannel ch) {
            ch.pipeline().addLast(new Http3ServerConnectionHandler(new ChannelInitializer<QuicStreamChannel>() {
              @Override
              protected void initChannel(QuicStreamChannel stream) {
                stream.pipeline().addLast(self[0].new Exchange());
              }
            }), new io.netty.channel.ChannelInboundHandlerAdapter() {
              @Override
              public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close(); // a client that closed at once (a probe refusing the certificate): nothing to report
              }
            });
          }
        })
        .build();
    try {
      Channel channel = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
          .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
      self[0] = new Http3TestServer(group, channel);
      return self[0];
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The UDP port the server listens on, on 127.0.0.1. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** {@code https://127.0.0.1:<port><path>}. */
  public java.net.URI url(String path) {
    return java.net.URI.create("https://127.0.0.1:" + port() + path);
  }

  /** Answers requests for {@code path} (the path and query as sent) with {@code status}, {@code body} and headers. */
  public Http3TestServer respond(String path, int status, String body, Map<String, String> headers) {
    routes.put(path, new Answer(status, body.getBytes(StandardCharsets.UTF_8), Map.copyOf(headers)));
    return this;
  }

  /** The requests received so far, in order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Stops listening and ends the server's thread. */
  @Override
  public void close() {
    channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }

  /** One request stream: collects the request, answers when the client has finished sending. */
  private final class Exchange extends Http3RequestStreamInboundHandler {
    private Http3HeadersFrame head;
    private final java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3HeadersFrame frame) {
      if (head == null) {
        head = frame;
      }
    }

    @Override
    protected void channelRead(ChannelHandlerContext ctx, Http3DataFrame frame) {
      try {
        frame.content().readBytes(body, frame.content().readableBytes());
      } catch (java.io.IOException e) {
        ctx.close();
      } finally {
        frame.release();
      }
    }

    @Override
    protected void channelInputClosed(ChannelHandlerContext ctx) {
      if (head == null) {
        ctx.close();
        return;
      }
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      head.headers().forEach(h -> headers.put(h.getKey().toString(), h.getValue().toString()));
      String method = String.valueOf(head.headers().method());
      String path = String.valueOf(head.headers().path());
      requests.add(new Request(method, path, String.valueOf(head.headers().authority()), headers,
          body.toByteArray()));
      Answer answer = routes.getOrDefault(path, new Answer(404, "not found\n".getBytes(StandardCharsets.UTF_8),
          Map.of()));
      DefaultHttp3HeadersFrame response = new DefaultHttp3HeadersFrame();
      response.headers().status(Integer.toString(answer.status()));
      List<Map.Entry<String, String>> extra = new ArrayList<>(answer.headers().entrySet());
      extra.forEach(e -> response.headers().add(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
      response.headers().setInt("content-length", answer.body().length);
      if (method.equals("HEAD") || answer.body().length == 0) {
        ctx.writeAndFlush(response).addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
        return;
      }
      ctx.write(response);
      ctx.writeAndFlush(new DefaultHttp3DataFrame(Unpooled.wrappedBuffer(answer.body())))
          .addListener(QuicStreamChannel.SHUTDOWN_OUTPUT);
    }
  }
}
