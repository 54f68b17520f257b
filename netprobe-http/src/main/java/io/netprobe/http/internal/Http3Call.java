package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsInfo;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.http3.Http3;
import io.netty.handler.codec.http3.Http3ClientConnectionHandler;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * One HTTP/3 exchange on a socket of its own, entirely on one event loop: binds a UDP socket connected to the peer
 * (so an ICMP port unreachable surfaces as CONNECTION_REFUSED instead of silence), makes the QUIC handshake with a
 * TLS context of its own (no session resumed), checks the certificate as HTTPS over TCP does, sends the request on
 * one stream, reads the head and at most the body limit, then closes the socket and hands over the outcome, once.
 * A timer at the deadline ends it whatever phase it is in. Confined to its event loop (the public entry points
 * hand over to it); not otherwise thread-safe.
 */
final class Http3Call implements Http3ResponseReader.Listener {
  /** When the exchange started and when its name was resolved, by {@link System#nanoTime()}. */
  record Clock(long started, long resolved) {}

  /** QUIC flow-control windows: enough for any body a probe reads (4 MiB for assertions, more when limited). */
  private static final long WINDOW = 16L * 1024 * 1024;

  private final EventLoop loop;
  private final HttpExchangeRequest request;
  private final Deadline deadline;
  private final InetSocketAddress remote;
  private final String serverName;
  private final TlsInspection tls;
  private final String userAgent;
  private final Clock clock;
  private final Consumer<HttpExchange> done;
  private final Http3ResponseReader reader;
  private final @Nullable ChannelHandler codec;
  private final @Nullable ProbeFailure setupFailure;
  private final long setupNanos;

  private @Nullable Channel udp;
  private @Nullable QuicChannel quic;
  private @Nullable ScheduledFuture<?> timer;
  private String phase = "the QUIC handshake";
  private long handshakeDone;
  private long requestSent;
  private long firstByte;
  private boolean finished;

  Http3Call(EventLoop loop, HttpExchangeRequest request, Deadline deadline, InetSocketAddress remote,
      String serverName, TlsInspection tls, String userAgent, Clock clock, Consumer<HttpExchange> done) {
    this.loop = loop;
    this.request = request;
    this.deadline = deadline;
    this.remote = remote;
    this.serverName = serverName;
    this.tls = tls;
    this.userAgent = userAgent;
    this.clock = clock;
    this.done = done;
    this.reader = new Http3ResponseReader(this, request.method().equals("HEAD") ? 0
        : request.options().bodyReadLimit());
    // Made here, on the caller's thread, not on the event loop that all exchanges share: a QUIC codec costs a few
    // milliseconds of CPU to build. That local work is not a phase of the exchange, so the timings leave it out.
    long setupStart = System.nanoTime();
    ChannelHandler built = null;
    ProbeFailure failure = null;
    try {
      QuicSslContextBuilder builder = QuicSslContextBuilder.forClient().trustManager(tls.trustManager())
          .applicationProtocols("h3").endpointIdentificationAlgorithm(null).earlyData(false);
      javax.net.ssl.KeyManager keys = tls.clientKeyManager();
      if (keys != null) {
        builder.keyManager(keys, null);
      }
      QuicSslContext ssl = builder.build();
      built = Http3.newQuicClientCodecBuilder()
          .sslContext(ssl)
          .sslEngineProvider(q -> ssl.newEngine(q.alloc(), serverName, remote.getPort()))
          .maxIdleTimeout(Math.max(1, deadline.remainingMillisForSocket()), TimeUnit.MILLISECONDS)
          .initialMaxData(WINDOW)
          .initialMaxStreamDataBidirectionalLocal(WINDOW)
          .build();
    } catch (RuntimeException e) {
      failure = ProbeFailure.of(FailureKind.TLS_HANDSHAKE, "cannot make a QUIC TLS context for " + request.url()
          + ": " + FailureClassifier.printable(String.valueOf(e)), e);
    }
    this.codec = built;
    this.setupFailure = failure;
    this.setupNanos = System.nanoTime() - setupStart;
  }

  /** Starts the exchange on its event loop. */
  void start() {
    if (!onLoop(this::connect)) {
      done.accept(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the HTTP backend is closed")));
    }
  }

  /** Ends the exchange (its future was cancelled or completed): closes its socket if it is still open. */
  void cancel() {
    onLoop(() -> finish(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the probe was cancelled"))));
  }

  private boolean onLoop(Runnable task) {
    try {
      loop.execute(task);
      return true;
    } catch (RejectedExecutionException closed) {
      return false;
    }
  }

  private void connect() {
    long nanos = deadline.remainingNanos();
    if (nanos == 0) {
      finish(HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, "no time left to request " + request.url())));
      return;
    }
    timer = loop.schedule(this::deadlinePassed, nanos, TimeUnit.NANOSECONDS);
    if (setupFailure != null) {
      finish(HttpExchange.failed(setupFailure));
      return;
    }
    ChannelHandler codec = java.util.Objects.requireNonNull(this.codec, "codec");
    Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
        .handler(new ChannelInitializer<DatagramChannel>() {
          @Override
          protected void initChannel(DatagramChannel ch) {
            ch.pipeline().addLast(codec, new Unreachable());
          }
        });
    Optional<java.net.InetAddress> source = request.options().options().sourceAddress();
    InetSocketAddress local = new InetSocketAddress(source.orElse(null), 0);
    io.netty.channel.ChannelFuture bound = bootstrap.bind(local);
    Channel socket = bound.channel();
    udp = socket;
    socket.closeFuture().addListener(f -> finish(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED,
        "the HTTP/3 socket was closed before the exchange with " + request.url() + " ended"))));
    bound.addListener(b -> {
      if (!b.isSuccess()) {
        finish(HttpExchange.failed(Http3Failures.connect(b.cause(), request.url(), remote, tls)));
        return;
      }
      socket.connect(remote).addListener(f -> {
        if (!f.isSuccess()) {
          finish(HttpExchange.failed(Http3Failures.connect(f.cause(), request.url(), remote, tls)));
          return;
        }
        if (!finished) {
          QuicChannel.newBootstrap(socket).handler(new ChannelInitializer<QuicChannel>() {
            @Override
            protected void initChannel(QuicChannel ch) {
              ch.pipeline().addLast(new Http3ClientConnectionHandler(), new PeerClose());
            }
          }).remoteAddress(remote).connect().addListener(this::handshaken);
        }
      });
    });
  }

  private void handshaken(Future<? super QuicChannel> f) {
    if (finished) {
      if (f.isSuccess()) {
        ((QuicChannel) f.getNow()).close();
      }
      return;
    }
    if (!f.isSuccess()) {
      finish(HttpExchange.failed(Http3Failures.connect(f.cause(), request.url(), remote, tls)));
      return;
    }
    handshakeDone = System.nanoTime();
    quic = (QuicChannel) f.getNow();
    if (!tls.recordedLeafMatchesHost() && !request.options().insecure()) {
      finish(HttpExchange.failed(FailureClassifier.tlsFailure(tls.problems(), tls.detail().orElse(""),
          request.url().toString(), null)));
      return;
    }
    phase = "opening the request stream";
    Http3.newRequestStream(quic, reader).addListener(s -> {
      if (!s.isSuccess()) {
        finish(HttpExchange.failed(Http3Failures.stream(s.cause(), request.url(), phase)));
        return;
      }
      send((QuicStreamChannel) s.getNow());
    });
  }

  private void send(QuicStreamChannel stream) {
    if (finished) {
      stream.close();
      return;
    }
    phase = "waiting for the response";
    requestSent = System.nanoTime();
    Http3RequestHead.write(stream, request, userAgent).addListener(w -> {
      if (!w.isSuccess()) {
        finish(HttpExchange.failed(Http3Failures.stream(w.cause(), request.url(), "sending the request")));
      }
    });
  }

  @Override
  public void head(int status) {
    firstByte = System.nanoTime();
    phase = "reading the body";
  }

  @Override
  public void complete() {
    long total = System.nanoTime();
    HttpHeaders headers = reader.headers();
    if (headers == null) {
      finish(HttpExchange.failed(ProbeFailure.of(FailureKind.PROTOCOL_ERROR, request.url()
          + " closed the HTTP/3 stream without a response")));
      return;
    }
    ProbeFailure tooBig = Http3Failures.headerLimits(headers, request.url());
    if (tooBig != null) {
      finish(HttpExchange.failed(tooBig));
      return;
    }
    HttpProbeSpec spec = request.options();
    Optional<HttpExchange.Body> body;
    try {
      body = request.method().equals("HEAD") ? Optional.empty() : Optional.of(ExchangeOptions.decode(
          reader.wireBody(), reader.truncated(), headers.first("Content-Encoding").orElse(""), spec.bodyReadLimit(),
          spec.options()));
    } catch (java.io.IOException e) {
      finish(HttpExchange.failed(ProbeFailure.of(FailureKind.PROTOCOL_ERROR, "cannot decode the body of "
          + request.url() + ": " + FailureClassifier.printable(String.valueOf(e)), e)));
      return;
    }
    Duration lookup = Duration.ofNanos(Math.max(0, clock.resolved() - clock.started()));
    Duration handshake = since(handshakeDone);
    // QUIC makes the transport and TLS handshakes in one: like curl, connect and appconnect are both its end
    PhaseTimings timings = new PhaseTimings(lookup, handshake, Optional.of(handshake), since(requestSent),
        since(firstByte), since(total));
    TlsInfo tlsInfo = quic == null ? null : tls.info(quic.sslEngine().getSession(),
        quic.sslEngine().getApplicationProtocol());
    finish(new HttpExchange.Response(reader.status(), "", HttpVersion.HTTP_3, headers, Optional.of(remote), timings,
        Optional.ofNullable(tlsInfo), body));
  }

  @Override
  public void failed(Throwable cause) {
    finish(HttpExchange.failed(Http3Failures.stream(cause, request.url(), phase)));
  }

  /** The time from the start of the exchange to {@code at} (after the local setup), the setup left out. */
  private Duration since(long at) {
    return Duration.ofNanos(Math.max(0, at - clock.started() - setupNanos));
  }

  private void deadlinePassed() {
    String what = handshakeDone == 0
        ? "no QUIC handshake with " + remote + " by the deadline (nothing answered on UDP, or only packets the "
            + "client could not use)"
        : "no HTTP/3 response from " + request.url() + " by the deadline (" + phase + ")";
    finish(HttpExchange.failed(ProbeFailure.of(FailureKind.TIMEOUT, what)));
  }

  /** Hands over {@code outcome} once, after the socket is closed. */
  private void finish(HttpExchange outcome) {
    if (finished) {
      return;
    }
    finished = true;
    if (timer != null) {
      timer.cancel(false);
    }
    if (quic != null) {
      quic.close();
    }
    if (udp == null) {
      done.accept(outcome);
      return;
    }
    udp.close().addListener(f -> done.accept(outcome));
  }

  /** Turns an ICMP port unreachable on the connected socket into the exchange's failure. */
  private final class Unreachable extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof PortUnreachableException) {
        finish(HttpExchange.failed(ProbeFailure.of(FailureKind.CONNECTION_REFUSED, "nothing listens on UDP "
            + remote + ": the host answered ICMP port unreachable", cause)));
      } else {
        finish(HttpExchange.failed(Http3Failures.stream(cause, request.url(), phase)));
      }
    }
  }

  /**
   * The end of the QUIC connection's pipeline: notes why the peer closed the connection (a TLS alert, such as a
   * server refusing the client certificate after the handshake, is a TLS failure, not a reset); what else reaches it
   * (the control stream failing to open on a connection this exchange has just closed) is accounted for by the
   * exchange's own outcome.
   */
  private final class PeerClose extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
      if (event instanceof io.netty.handler.codec.quic.QuicConnectionCloseEvent close && close.isTlsError()) {
        int alert = io.netty.handler.codec.quic.QuicConnectionCloseEvent.extractTlsError(close.error());
        finish(HttpExchange.failed(ProbeFailure.of(FailureKind.TLS_HANDSHAKE, remote + " closed the QUIC "
            + "connection with TLS alert " + alert + " (" + Http3Failures.alertName(alert) + ") while " + phase)));
      }
      ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
