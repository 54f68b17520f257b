package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpOptions;
import io.netprobe.http.HttpProxy;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.engine.AsyncResolver;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * One plain-HTTP/1.1 exchange on the engine's selector loops, without a thread of its own: the lookup, the connect,
 * the request and the response are non-blocking steps of a loop, the deadline is the engine's timer, and nothing is
 * held while the peer is silent but the socket and this object (no thread stack, no read buffer: one is made when
 * bytes come). It does what an OkHttp exchange does — the same request ({@link Http1RequestHead}), OkHttp's reading
 * rules ({@link Http1ResponseReader}), OkHttp's way of connecting ({@link RacingConnect}) — and records the same phases
 * ({@link PhaseRecorder}, driven as OkHttp's events would drive it) and failures ({@link FailureClassifier}), so a
 * probe cannot tell the two apart but by its cost. It takes what {@link #handles} accepts (plain http without a
 * proxy or HTTP/3); HTTPS goes to OkHttp. Thread-safe: its state is touched on its loop only, but for the deadline's
 * outcome, which the timer gives from the phases (volatile) and the future (atomic).
 */
final class EngineHttp1Exchange extends NotifyingFuture<HttpExchange> implements RacingConnect.Exchange, Runnable {
  private static final int READ_BUFFER = 8192;
  /** Decoded bodies: compressed bytes kept beyond the limit, so that what they decode to can reach it. */
  private static final int DECODING_SLACK = 64 * 1024;
  /** Exchanges alternate between two loops: on two cores a burst of deadlines closes its sockets on both. */
  private static final String[] LOOP_ROLES = {"http", "http2"};
  private static final AtomicInteger NEXT_LOOP = new AtomicInteger();
  /** What the classifier is given before a lookup, or when none is made (an IP literal, a pinned address). */
  private static final DeadlineDns NO_LOOKUP = new DeadlineDns(Map.of(),
      (h, d) -> new SystemResolver.Resolution(List.of(), null), Deadline.after(java.time.Duration.ZERO));

  private final HttpExchangeRequest request;
  private final Deadline deadline;
  private final ProbeEngine engine;
  private final IoLoop loop;
  private final String userAgent;
  private final PhaseRecorder phases = new PhaseRecorder();
  private final Http1ResponseReader reader;
  private volatile @Nullable DeadlineDns dns;
  private @Nullable ProbeEngine.Cancellable timer;
  private final RacingConnect connect;
  /** The HTTP proxy the request goes through (OkHttp's: the absolute URL in the request line), if any. */
  private final @Nullable HttpProxy proxy;
  /** The connection the exchange runs on, once one attempt connected. */
  private @Nullable SocketChannel channel;
  private @Nullable ByteBuffer toSend;
  private boolean headersSeen;
  private boolean over;

  private EngineHttp1Exchange(HttpExchangeRequest request, Deadline deadline, ProbeEngine engine, String userAgent) {
    this.request = request;
    this.deadline = deadline;
    this.engine = engine;
    this.loop = engine.loop(LOOP_ROLES[NEXT_LOOP.getAndIncrement() & 1]);
    this.userAgent = userAgent;
    long limit = request.options().bodyReadLimit();
    long keep = request.options().options().compression().isPresent() ? limit + DECODING_SLACK : limit;
    this.reader = new Http1ResponseReader(request.url().toString(), request.method().equals("HEAD"), keep);
    this.proxy = request.options().options().proxy().orElse(null);
    int port = proxy != null ? proxy.port() : request.url().getPort() == -1 ? 80 : request.url().getPort();
    this.connect = new RacingConnect(loop, engine, phases, request.options().options().sourceAddress(), port, this);
  }

  /**
   * Whether this exchange can be made here: plain http (directly or through an HTTP proxy), not HTTP/3, not a scoped
   * IPv6 address.
   */
  static boolean handles(HttpExchangeRequest request) {
    HttpOptions options = request.options().options();
    return !request.isHttps() && !options.connection().http3() && ScopedTarget.of(request.url()) == null;
  }

  /** Starts the exchange; the future completes by the deadline, and cancelling it closes the connection. */
  static NotifyingFuture<HttpExchange> start(HttpExchangeRequest request, Deadline deadline, ProbeEngine engine,
      String userAgent) {
    EngineHttp1Exchange exchange = new EngineHttp1Exchange(request, deadline, engine, userAgent);
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
    Map<String, List<InetAddress>> fixed = request.options().resolve();
    String urlHost = bare(request.url().getHost());
    // OkHttp races addresses when the URL's host may have several (a name, or several pinned), whoever is connected to
    List<InetAddress> urlPinned = fixed.get(urlHost.toLowerCase(Locale.ROOT));
    boolean race = urlPinned != null ? urlPinned.size() > 1 : !Host.of(urlHost).isLiteral();
    String host = proxy != null ? proxy.host().ascii() : urlHost;
    List<InetAddress> pinned = fixed.get(host.toLowerCase(Locale.ROOT));
    Host parsed = proxy != null ? proxy.host() : Host.of(host);
    if (pinned != null) {
      phases.dnsEnd(null, host, pinned);
      connect.start(pinned, race);
      return;
    }
    if (parsed.literal().isPresent()) {
      connect.start(List.of(parsed.literal().get()), race); // OkHttp looks no literal up: no lookup events
      return;
    }
    String name = host;
    AsyncResolver.resolve(parsed, deadline, engine).whenComplete((resolution, error) -> onLoop(() -> {
      SystemResolver.Resolution r = error != null ? SystemResolver.failed(parsed, error) : resolution;
      DeadlineDns looked = new DeadlineDns(fixed, (h, d) -> r, deadline);
      dns = looked;
      if (over || isDone()) {
        return;
      }
      try {
        List<InetAddress> found = looked.lookup(name);
        phases.dnsEnd(null, name, found);
        connect.start(found, race);
      } catch (UnknownHostException e) {
        finish(HttpExchange.failed(FailureClassifier.classify(e, request.url(), looked, phases, null, deadline)));
      }
    }));
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public void connected(SocketChannel c, InetSocketAddress to) throws IOException {
    channel = c;
    toSend = ByteBuffer.wrap(Http1RequestHead.encode(request, userAgent, proxy));
    phases.requestHeadersStart(null);
    c.write(toSend);
    if (toSend.hasRemaining()) {
      connect.interest(c, SelectionKey.OP_WRITE);
    } else {
      toSend = null;
      connect.interest(c, SelectionKey.OP_READ);
    }
  }

  @Override
  public void noConnection(@Nullable IOException last) {
    finish(HttpExchange.failed(last != null
        ? FailureClassifier.classify(last, request.url(), dns(), phases, null, deadline)
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
    if (k.isWritable()) {
      ByteBuffer out = toSend;
      if (out != null) {
        ch.write(out);
        if (!out.hasRemaining()) {
          toSend = null;
          k.interestOps(SelectionKey.OP_READ);
        }
      }
      return;
    }
    if (k.isReadable()) {
      read(ch);
    }
  }

  private void read(SocketChannel ch) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    while (!over) {
      buffer.clear();
      int n = ch.read(buffer);
      if (n == 0) {
        return;
      }
      if (n < 0) {
        reader.end();
        headersRead();
        responded();
        return;
      }
      buffer.flip();
      boolean done = reader.feed(buffer);
      headersRead();
      if (done) {
        responded();
        return;
      }
    }
  }

  /** OkHttp's response-headers events come once the head has been read. */
  private void headersRead() {
    if (!headersSeen && reader.headersDone()) {
      headersSeen = true;
      phases.responseHeadersStart(null);
      phases.responseHeadersEnd(null, null);
    }
  }

  private void responded() {
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
        HttpHeaders.of(reader.headers()), phases.remote(), phases.timings(transferDone), Optional.empty(), body));
  }

  @Override
  public void failed(Exception e) {
    if (over) {
      return;
    }
    IOException io = e instanceof IOException i ? i : new IOException(e);
    finish(HttpExchange.failed(FailureClassifier.classify(io, request.url(), dns(), phases, null, deadline)));
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
