package io.netprobe.http.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpProbeSpec;
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
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * One plain-HTTP/1.1 exchange on the engine's selector loop, without a thread of its own: the connect, the request
 * and the response are non-blocking steps of the loop, the deadline is the engine's timer, and nothing is held while
 * the peer is silent but the socket and this object (no thread stack, no read buffer: one is made when bytes come).
 * It sends what an OkHttp exchange sends ({@link Http1RequestHead}), reads with OkHttp's rules
 * ({@link Http1ResponseReader}), records the same phases ({@link PhaseRecorder}, driven as OkHttp's events would
 * drive it) and names failures with the same {@link FailureClassifier}, so a probe cannot tell the two apart but by
 * its cost. It takes what {@link #handles} accepts; the rest, and a name that resolves to several addresses (OkHttp
 * races them), goes to the OkHttp exchange. Thread-safe: its state is touched on its loop only.
 */
final class EngineHttp1Exchange extends NotifyingFuture<HttpExchange> implements IoLoop.Handler, Runnable {
  private static final int READ_BUFFER = 8192;
  /** Exchanges alternate between two loops: on two cores a burst of deadlines closes its sockets on both. */
  private static final String[] LOOP_ROLES = {"http", "http2"};
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_LOOP = new java.util.concurrent.atomic.AtomicInteger();

  private final HttpExchangeRequest request;
  private final Deadline deadline;
  private final ProbeEngine engine;
  private final IoLoop loop;
  private final String userAgent;
  /** The OkHttp exchange, for a name that resolves to several addresses. */
  private final Supplier<CompletableFuture<HttpExchange>> fallback;
  private final PhaseRecorder phases = new PhaseRecorder();
  private final Http1ResponseReader reader;
  private volatile @Nullable DeadlineDns dns;
  private @Nullable SocketChannel channel;
  private @Nullable ProbeEngine.Cancellable timer;
  private List<InetAddress> addresses = List.of();
  private int next;
  private @Nullable ByteBuffer toSend;
  private @Nullable SelectionKey key;
  private boolean headersSeen;
  private boolean over;
  /** The OkHttp exchange this one handed over to, if it did. */
  private @Nullable CompletableFuture<HttpExchange> delegate;

  private EngineHttp1Exchange(HttpExchangeRequest request, Deadline deadline, ProbeEngine engine, String userAgent,
      Supplier<CompletableFuture<HttpExchange>> fallback) {
    this.request = request;
    this.deadline = deadline;
    this.engine = engine;
    this.loop = engine.loop(LOOP_ROLES[NEXT_LOOP.getAndIncrement() & 1]);
    this.userAgent = userAgent;
    this.fallback = fallback;
    HttpProbeSpec spec = request.options();
    this.reader = new Http1ResponseReader(request.url().toString(), request.method().equals("HEAD"),
        spec.bodyReadLimit());
  }

  /**
   * Whether this exchange can be made here: plain http, no proxy (OkHttp's proxy handling), no source address, no
   * compression (OkHttp's streaming decoder stops reading at the limit), no HTTP/3, and not a scoped IPv6 address.
   */
  static boolean handles(HttpExchangeRequest request) {
    HttpProbeSpec spec = request.options();
    var options = spec.options();
    return !request.isHttps() && options.proxy().isEmpty() && options.sourceAddress().isEmpty()
        && options.compression().isEmpty() && !options.connection().http3() && ScopedTarget.of(request.url()) == null;
  }

  /** Starts the exchange; the future completes by the deadline, and cancelling it closes the connection. */
  static CompletableFuture<HttpExchange> start(HttpExchangeRequest request, Deadline deadline,
      ProbeEngine engine, String userAgent, Supplier<CompletableFuture<HttpExchange>> fallback) {
    EngineHttp1Exchange exchange = new EngineHttp1Exchange(request, deadline, engine, userAgent, fallback);
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
   * is, see {@link QueuedCall}), and the socket is closed on the loop after it: a burst of deadlines does not wait
   * for the loops (busy closing the other exchanges' sockets) or for the completion threads (busy with every other
   * probe's outcome).
   */
  @Override
  public void run() {
    if (!isDone()) {
      complete(HttpExchange.failed(FailureClassifier.atTheDeadline(request.url(), dns(), phases)));
    }
    onLoop(() -> {
      over = true;
      closeChannel(() -> { });
    });
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      onLoop(() -> {
        over = true;
        cancelTimer();
        CompletableFuture<HttpExchange> d = delegate;
        if (d != null) {
          d.cancel(false);
        }
        closeChannel(() -> { });
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
      SocketChannel ch = channel;
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException ignored) {
          // closing is all that is left
        }
      }
      complete(HttpExchange.failed(ProbeFailure.of(FailureKind.CANCELLED, "the probe client was closed")));
    }
  }

  private DeadlineDns dns() {
    DeadlineDns d = dns;
    return d != null ? d : new DeadlineDns(Map.of(), (h, dl) -> new SystemResolver.Resolution(List.of(), null),
        deadline);
  }

  private void resolve() {
    if (over) {
      return;
    }
    URI url = request.url();
    String host = url.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    Map<String, List<InetAddress>> fixed = request.options().resolve();
    List<InetAddress> pinned = fixed.get(host.toLowerCase(Locale.ROOT));
    Host parsed = Host.of(host);
    if (pinned == null && parsed.literal().isPresent()) {
      dns = new DeadlineDns(fixed, (h, d) -> new SystemResolver.Resolution(List.of(), null), deadline);
      resolved(List.of(parsed.literal().get()), false);
      return;
    }
    if (pinned != null) {
      dns = new DeadlineDns(fixed, (h, d) -> new SystemResolver.Resolution(List.of(), null), deadline);
      resolved(pinned, true);
      return;
    }
    String name = host;
    AsyncResolver.resolve(parsed, deadline, engine).whenComplete((resolution, error) -> onLoop(() -> {
      SystemResolver.Resolution r = error != null ? SystemResolver.failed(parsed, error) : resolution;
      DeadlineDns looked = new DeadlineDns(fixed, (h, d) -> r, deadline);
      dns = looked;
      if (over) {
        return;
      }
      try {
        resolved(looked.lookup(name), true);
      } catch (UnknownHostException e) {
        finish(HttpExchange.failed(FailureClassifier.classify(e, request.url(), looked, phases, null, deadline)));
      }
    }));
  }

  private void resolved(List<InetAddress> found, boolean lookedUp) {
    if (lookedUp) {
      phases.dnsEnd(null, request.url().getHost(), found);
    }
    if (found.size() > 1) {
      // OkHttp races several addresses (Happy Eyeballs); that stays its job
      over = true;
      cancelTimer();
      CompletableFuture<HttpExchange> okhttp = fallback.get();
      delegate = okhttp;
      okhttp.whenComplete((r, e) -> {
        if (e != null) {
          completeExceptionally(e);
        } else {
          complete(r);
        }
      });
      return;
    }
    addresses = found;
    connectNext();
  }

  private void connectNext() {
    if (next >= addresses.size()) {
      finish(HttpExchange.failed(ProbeFailure.of(FailureKind.NETWORK_ERROR, "no address to connect to for "
          + request.url().getHost())));
      return;
    }
    InetAddress address = addresses.get(next++);
    int port = request.url().getPort() == -1 ? 80 : request.url().getPort();
    InetSocketAddress to = new InetSocketAddress(address, port);
    phases.connectStart(null, to, null);
    try {
      SocketChannel ch = SocketChannel.open(address instanceof java.net.Inet4Address ? StandardProtocolFamily.INET
          : StandardProtocolFamily.INET6);
      channel = ch;
      ch.configureBlocking(false);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      if (ch.connect(to) || ch.finishConnect()) {
        connected(ch, to);
      } else {
        loop.register(ch, SelectionKey.OP_CONNECT, this);
      }
    } catch (IOException | RuntimeException e) {
      failed(e);
    }
  }

  private void connected(SocketChannel ch, InetSocketAddress to) throws IOException {
    phases.connectEnd(null, to, null, null);
    toSend = ByteBuffer.wrap(Http1RequestHead.encode(request, userAgent));
    phases.requestHeadersStart(null);
    ch.write(toSend);
    if (toSend.hasRemaining()) {
      register(ch, SelectionKey.OP_WRITE);
    } else {
      toSend = null;
      register(ch, SelectionKey.OP_READ);
    }
  }

  private void register(SocketChannel ch, int ops) {
    SelectionKey k = key;
    if (k != null) {
      k.interestOps(ops);
    } else {
      loop.register(ch, ops, this);
    }
  }

  @Override
  public void ready(SelectionKey key) throws IOException {
    this.key = key;
    SocketChannel ch = (SocketChannel) key.channel();
    if (over || ch != channel) {
      ch.close();
      return;
    }
    if (key.isConnectable()) {
      if (ch.finishConnect()) {
        key.interestOps(0);
        connected(ch, (InetSocketAddress) ch.getRemoteAddress());
      }
      return;
    }
    if (key.isWritable()) {
      ByteBuffer out = toSend;
      if (out != null) {
        ch.write(out);
        if (!out.hasRemaining()) {
          toSend = null;
          key.interestOps(SelectionKey.OP_READ);
        }
      }
      return;
    }
    if (key.isReadable()) {
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
    boolean headOnly = request.method().equals("HEAD");
    if (reader.headerLines() > OkHttpExchange.MAX_HEADER_COUNT || reader.headerBytes()
        > OkHttpExchange.MAX_HEADER_BYTES) {
      finish(HttpExchange.failed(ProbeFailure.of(FailureKind.PROTOCOL_ERROR, request.url() + " sent "
          + reader.headerLines() + " header lines, " + reader.headerBytes() + " bytes; a probe accepts at most "
          + OkHttpExchange.MAX_HEADER_COUNT + " lines and " + OkHttpExchange.MAX_HEADER_BYTES + " bytes")));
      return;
    }
    long transferDone = phases.transferEnd(headOnly, System.nanoTime());
    Optional<HttpExchange.Body> body = Optional.empty();
    if (!headOnly) {
      try {
        String coding = reader.header("Content-Encoding");
        body = Optional.of(ExchangeOptions.decode(reader.body(), false, coding == null ? "" : coding,
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
    InetSocketAddress attempt = phases.lastAttempt().orElse(null);
    if (phases.remote().isEmpty() && next < addresses.size() && attempt != null) {
      phases.connectFailed(null, attempt, null, null, io);
      closeChannel(this::connectNext);
      return;
    }
    finish(HttpExchange.failed(FailureClassifier.classify(io, request.url(), dns(), phases, null, deadline)));
  }

  private void finish(HttpExchange outcome) {
    if (over) {
      return;
    }
    over = true;
    cancelTimer();
    complete(outcome);
    closeChannel(() -> { });
  }

  private void closeChannel(Runnable then) {
    SocketChannel ch = channel;
    channel = null;
    if (ch == null) {
      then.run();
      return;
    }
    loop.closeThen(ch, then);
  }

  private void cancelTimer() {
    ProbeEngine.Cancellable t = timer;
    if (t != null) {
      t.cancel();
    }
  }
}
