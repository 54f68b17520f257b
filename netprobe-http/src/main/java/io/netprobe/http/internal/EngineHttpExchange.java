package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpOptions;
import io.netprobe.http.HttpProxy;
import io.netprobe.http.TlsInfo;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.engine.NotifyingFuture;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import io.netprobe.spi.IoLoop;
import io.netprobe.spi.ProbeEngine;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * One HTTP exchange on the engine's selector loops, without a thread of its own: the lookup, the connect, the TLS
 * handshake ({@link EngineTls}), the request and the response are non-blocking steps of a loop, the deadline is the
 * engine's timer, and nothing is held while the peer is silent but the socket and this object (no thread stack, no
 * read buffer: one is made when bytes come). It does what an OkHttp exchange does — the same request ({@link
 * Http1RequestHead}, or HTTP/2 with OkHttp's own frames: {@link Http2Codec}, when ALPN agrees on {@code h2}), OkHttp's
 * reading rules ({@link Http1ResponseReader}), OkHttp's way of connecting ({@link RacingConnect}) and of setting up
 * TLS ({@link TlsParameters}, the same {@link TlsInspection}) — and records the same phases ({@link PhaseRecorder},
 * driven as OkHttp's events would drive it) and failures ({@link FailureClassifier}), so a probe cannot tell the two
 * apart but by its cost. It takes what {@link #handles} accepts; the rest goes to OkHttp. Thread-safe: its state is
 * touched on its loop only, but for the deadline's outcome, which the timer gives from the phases (volatile) and the
 * future (atomic).
 */
final class EngineHttpExchange extends NotifyingFuture<HttpExchange>
    implements RacingConnect.Exchange, EngineTls.Peer, ExchangeLookup.Next, Runnable {
  /** Decoded bodies: compressed bytes kept beyond the limit, so that what they decode to can reach it. */
  private static final int DECODING_SLACK = 64 * 1024;
  /** Exchanges alternate between two loops: on two cores a burst of deadlines closes its sockets on both. */
  private static final String[] LOOP_ROLES = {"http", "http2"};
  private static final AtomicInteger NEXT_LOOP = new AtomicInteger();
  /** What the classifier is given before a lookup, or when none is made (an IP literal, a pinned address). */
  private static final DeadlineDns NO_LOOKUP = new DeadlineDns(Map.of(),
      (h, d) -> new SystemResolver.Resolution(List.of(), null), Deadline.after(java.time.Duration.ZERO));

  /** Exchanges and handshakes begun on the engine's loops, for the tests that must know which path a probe took. */
  static final java.util.concurrent.atomic.LongAdder STARTED = new java.util.concurrent.atomic.LongAdder();
  static final java.util.concurrent.atomic.LongAdder HANDSHAKES = new java.util.concurrent.atomic.LongAdder();

  private final HttpExchangeRequest request;
  private final Deadline deadline;
  private final ProbeEngine engine;
  private final IoLoop loop;
  private final String userAgent;
  private final PhaseRecorder phases = new PhaseRecorder();
  /** How the response is read, made with the request: HTTP/1.1's, or HTTP/2's once ALPN has chosen it. */
  private @Nullable ResponseReading reader;
  private final long keep;
  /** The handshake's inspection for HTTPS, else null; {@link #tls} once connected. */
  private final @Nullable TlsInspection inspection;
  private @Nullable EngineTls tls;
  /** The proxy's CONNECT tunnel while it is being opened (HTTPS through a proxy). */
  private @Nullable ConnectTunnel tunnel;
  private @Nullable TlsInfo tlsInfo;
  private volatile @Nullable DeadlineDns dns;
  private @Nullable ProbeEngine.Cancellable timer;
  private final RacingConnect connect;
  /** The HTTP proxy the request goes through (OkHttp's: the absolute URL in the request line), if any. */
  private final @Nullable HttpProxy proxy;
  /** The connection the exchange runs on, once one attempt connected. */
  private @Nullable SocketChannel channel;
  /** The bare channel's reads and writes, before TLS (if any) takes it over. */
  private @Nullable PlainWire plain;
  private boolean headersSeen;
  private boolean over;

  private EngineHttpExchange(HttpExchangeRequest request, Deadline deadline, ProbeEngine engine, String userAgent,
      @Nullable TlsInspection inspection) {
    this.request = request;
    this.deadline = deadline;
    this.engine = engine;
    this.loop = engine.loop(LOOP_ROLES[NEXT_LOOP.getAndIncrement() & 1]);
    this.userAgent = userAgent;
    long limit = request.options().bodyReadLimit();
    long keep = request.options().options().compression().isPresent() ? limit + DECODING_SLACK : limit;
    this.keep = keep;
    this.inspection = inspection;
    this.proxy = request.options().options().proxy().orElse(null);
    int port = proxy != null ? proxy.port() : Http1RequestHead.port(request.url());
    this.connect = new RacingConnect(loop, engine, phases, request.options().options().sourceAddress(), port, this);
  }

  /**
   * Whether this exchange can be made here: http and https, directly or through an HTTP proxy (for https its CONNECT
   * tunnel, {@link ConnectTunnel}); a link-local address with its zone directly (through a proxy it stays on
   * OkHttp's exchange, which names it to the proxy as it does); not HTTP/3.
   */
  static boolean handles(HttpExchangeRequest request) {
    HttpOptions options = request.options().options();
    return !options.connection().http3()
        && (options.proxy().isEmpty() || ScopedTarget.address(request.url()) == null);
  }

  /**
   * Starts the exchange; the future completes by the deadline, and cancelling it closes the connection.
   *
   * @param inspection the handshake's inspection for https, null for http
   */
  static NotifyingFuture<HttpExchange> start(HttpExchangeRequest request, Deadline deadline, ProbeEngine engine,
      String userAgent, @Nullable TlsInspection inspection) {
    EngineHttpExchange exchange = new EngineHttpExchange(request, deadline, engine, userAgent, inspection);
    STARTED.increment();
    exchange.phases.callStart(null);
    try {
      exchange.timer = engine.at(deadline, exchange);
      exchange.loop.execute(exchange::resolve);
    } catch (IllegalStateException closed) {
      exchange.complete(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the probe client was closed")));
    }
    return exchange;
  }

  /**
   * The deadline's timer: the outcome is given here, on the timer thread, from the phases so far (as an OkHttp call's
   * is, see {@link QueuedCall}), and the sockets are closed on the loop after it: a burst of deadlines does not wait
   * for the loops (busy closing the other exchanges' sockets) or for the completion threads (busy with every other
   * probe's outcome).
   */
  @Override
  public void run() {
    if (!isDone()) {
      complete(HttpExchange.failed(FailureClassifier.atTheDeadline(request.url(), dns(), phases)));
    }
    onLoop(this::closeAll);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      onLoop(() -> {
        cancel(timer);
        closeAll();
      });
    }
    return cancelled;
  }

  private void onLoop(Runnable task) {
    try {
      if (loop.inLoop()) {
        task.run();
      } else {
        loop.execute(task);
      }
    } catch (IllegalStateException closed) {
      complete(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the probe client was closed")));
    }
  }

  private DeadlineDns dns() {
    DeadlineDns d = dns;
    return d != null ? d : NO_LOOKUP;
  }

  private void resolve() {
    if (over || isDone()) {
      return;
    }
    ExchangeLookup.start(request, proxy, deadline, engine, phases, this::onLoop, this::over, this);
  }

  @Override
  public void connectTo(List<InetAddress> addresses, boolean race) {
    connect.start(addresses, race);
  }

  @Override
  public void lookedUp(DeadlineDns looked) {
    dns = looked;
  }

  @Override
  public void unknown(UnknownHostException e, DeadlineDns looked) {
    finish(HttpExchange.failed(FailureClassifier.classify(e, request.url(), looked, phases, null, deadline)));
  }

  @Override
  public void connected(SocketChannel c, InetSocketAddress to) throws IOException {
    channel = c;
    plain = new PlainWire(c, ops -> connect.interest(c, ops), this);
    if (inspection == null) {
      phases.requestHeadersStart(null);
      sendHttp1(proxy);
    } else if (proxy != null) {
      tunnel = new ConnectTunnel(request.url()); // HTTPS through a proxy: TLS once the tunnel is open
      send(ConnectTunnel.request(request.url(), proxy));
    } else {
      startTls(c);
    }
  }

  private void startTls(SocketChannel c) throws IOException {
    phases.secureConnectStart(null);
    EngineTls t = EngineTls.open(Objects.requireNonNull(inspection), request, c,
        ops -> connect.interest(c, ops), this);
    tls = t;
    HANDSHAKES.increment();
    t.start();
  }

  /** The handshake is done and the host verified: the request in the protocol ALPN agreed on. */
  @Override
  public void handshaken(TlsInfo info) throws IOException {
    phases.secureConnectEnd(null, null);
    tlsInfo = info;
    phases.requestHeadersStart(null);
    if (info.alpn().filter("h2"::equals).isPresent()) {
      reader = new Http2Codec(Http2RequestHead.headers(request, userAgent), Http1RequestHead.content(request),
          request.method().equals("HEAD"), keep);
      sendOutput();
    } else {
      sendHttp1(null);
    }
  }

  /** The request in HTTP/1.1, its whole URL in the request line when it goes to {@code via}, a plain-HTTP proxy. */
  private void sendHttp1(@Nullable HttpProxy via) throws IOException {
    reader = new Http1ResponseReader(request.url().toString(), request.method().equals("HEAD"), keep);
    send(ByteBuffer.wrap(Http1RequestHead.encode(request, userAgent, via)));
  }

  private ResponseReading reader() {
    return Objects.requireNonNull(reader, "no request was sent");
  }

  private void send(ByteBuffer bytes) throws IOException {
    EngineTls t = tls;
    if (t != null) {
      t.send(bytes);
    } else {
      Objects.requireNonNull(plain).send(bytes);
    }
  }

  /** What the protocol has to send back (HTTP/2's acknowledgements and window updates). */
  private void sendOutput() throws IOException {
    ByteBuffer out = reader().output();
    if (out != null) {
      send(out);
    }
  }

  @Override
  public void received(ByteBuffer bytes) throws IOException {
    ConnectTunnel opening = tunnel;
    if (opening != null) {
      if (opening.feed(bytes)) {
        tunnel = null;
        startTls(Objects.requireNonNull(channel));
      }
      return;
    }
    boolean done = reader().feed(bytes);
    headersRead();
    if (done) {
      responded();
      return;
    }
    sendOutput();
  }

  @Override
  public void ended() throws IOException {
    ConnectTunnel opening = tunnel;
    if (opening != null) {
      opening.end();
    }
    reader().end();
    headersRead();
    responded();
  }

  @Override
  public void noConnection(@Nullable IOException last) {
    finish(HttpExchange.failed(last != null
        ? FailureClassifier.classify(last, request.url(), dns(), phases, inspection, deadline)
        : ProbeFailure.of(FailureKind.NETWORK_ERROR, "no address to connect to for " + request.url().getHost())));
  }

  @Override
  public boolean over() {
    return over || isDone();
  }

  @Override
  public void ready(SelectionKey k) throws IOException {
    SocketChannel ch = (SocketChannel) k.channel();
    if (over || ch != channel) {
      ch.close();
      return;
    }
    EngineTls t = tls;
    if (t != null) {
      t.ready();
    } else {
      Objects.requireNonNull(plain).ready(k, () -> tls == null); // once a tunnel is open, TLS reads
    }
  }

  /** OkHttp's response-headers events come once the head has been read. */
  private void headersRead() {
    if (!headersSeen && reader().headersDone()) {
      headersSeen = true;
      phases.responseHeadersStart(null);
      phases.responseHeadersEnd(null, null);
    }
  }

  private void responded() {
    ResponseReading reader = reader();
    if (reader.bodyEnded()) {
      phases.responseBodyEnd(null, 0);
    }
    ProbeFailure tooLarge = OkHttpExchange.headerLimits(request.url(), reader.headerLines(), reader.headerBytes());
    if (tooLarge != null) {
      finish(HttpExchange.failed(tooLarge));
      return;
    }
    boolean headOnly = request.method().equals("HEAD");
    long transferDone = phases.transferEnd(headOnly, System.nanoTime());
    Optional<HttpExchange.Body> body = Optional.empty();
    if (!headOnly) {
      try {
        String coding = reader.header("Content-Encoding");
        body = Optional.of(ExchangeOptions.decode(reader.body(), !reader.bodyEnded(), coding == null ? "" : coding,
            request.options().bodyReadLimit(), request.options().options()));
      } catch (IOException e) {
        failed(e);
        return;
      }
    }
    finish(new HttpExchange.Response(reader.code(), reader.reason(), reader.version(),
        HttpHeaders.of(reader.headers()), phases.remote(), phases.timings(transferDone), Optional.ofNullable(tlsInfo),
        body));
  }

  @Override
  public void failed(Exception e) {
    if (over) {
      return;
    }
    IOException io = e instanceof IOException i ? i : new IOException(e);
    finish(HttpExchange.failed(FailureClassifier.classify(io, request.url(), dns(), phases, inspection, deadline)));
  }

  private void finish(HttpExchange outcome) {
    if (over) {
      return;
    }
    cancel(timer);
    complete(outcome);
    closeAll();
  }

  private void closeAll() {
    over = true;
    connect.close();
    SocketChannel ch = channel;
    EngineTls t = tls;
    if (t != null) {
      t.closeQuietly();
    }
    if (ch != null) {
      loop.closeThen(ch, () -> { });
    }
  }

  private static void cancel(@Nullable ProbeEngine.Cancellable t) {
    if (t != null) {
      t.cancel();
    }
  }
}
