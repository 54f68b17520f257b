package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsTransport;
import io.netprobe.http.TlsInfo;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.xbill.DNS.Message;

/**
 * DNS over TLS on kept connections (RFC 7858 §3.4, RFC 7766 §6.2.1): one connection per server, source address and
 * certificate configuration; queries are pipelined on it and answers, in any order, matched by message id. The
 * connection is opened (connect and handshake on the blocking executor) by the first query that needs it, the others
 * wait for it; a reader thread per connection dispatches the answers and closes the connection after
 * {@link #idleTimeout} without a query in flight. When the server closes or resets the connection, the queries in
 * flight are sent once more on a new one while their deadline lasts. Every query completes by its own deadline. A
 * query whose id is already in flight on the connection gets another random id. Thread-safe.
 */
final class DotConnections implements AutoCloseable {
  /** How long a connection stays open without a query in flight. */
  static final Duration DEFAULT_IDLE = Duration.ofSeconds(10);

  /**
   * A connection's identity. {@code trust} is one instance per certificate configuration (CA, name, verification,
   * client certificate, TLS versions: {@link EncryptedTransport}'s trust key), so queries with other TLS options
   * never share a connection.
   */
  private record Key(InetSocketAddress server, @Nullable InetAddress local, TlsTrust trust) {}

  private final Map<Key, Connection> connections = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final AtomicInteger opened = new AtomicInteger();
  private volatile boolean closed;

  DotConnections(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
  }

  /** How many connections were opened so far (handshakes made). */
  int opened() {
    return opened.get();
  }

  /** The connections open now. */
  int open() {
    return (int) connections.values().stream().filter(c -> !c.dead).count();
  }

  /** Asks {@code server}; the future completes with the answer or the failure by {@code deadline}. */
  CompletableFuture<Exchange> exchange(InetSocketAddress server, @Nullable InetAddress local, WireQuery query,
      TlsTrust trust, Deadline deadline, Executor blocking) {
    DotQuery q = new DotQuery(server, local, query, trust, deadline, blocking);
    long nanos = deadline.remainingNanos();
    if (nanos == 0) {
      q.result.complete(q.timeout());
      return q.result;
    }
    CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS).execute(() -> q.result.complete(q.timeout()));
    submit(q);
    return q.result;
  }

  private void submit(DotQuery q) {
    if (closed) {
      q.result.complete(new Exchange.NoAnswer(q.server, ProbeFailure.of(FailureKind.CANCELLED,
          "the client was closed"), 0));
      return;
    }
    Key key = new Key(q.server, q.local, q.trust);
    boolean[] created = {false};
    Connection c = connections.compute(key, (k, old) -> {
      if (old != null && !old.dead) {
        return old;
      }
      created[0] = true;
      return new Connection(k);
    });
    if (!c.await(q)) {
      // it was abandoned as q came: a new one
      submit(q);
      return;
    }
    if (created[0]) {
      q.blocking.execute(() -> c.open(q.deadline));
    }
    c.ready.whenComplete((ok, failure) -> {
      if (failure != null) {
        q.result.complete(failure instanceof OpenFailed f ? f.exchange : new Exchange.NoAnswer(q.server,
            ProbeFailure.of(FailureKind.INTERNAL_ERROR, "DNS over TLS failed: " + failure, failure), 0));
      } else if (!q.result.isDone()) {
        q.blocking.execute(() -> c.send(q));
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    for (Connection c : connections.values()) {
      c.fail(null);
    }
    connections.clear();
  }

  /** Opening a connection failed: what every query waiting for it answers. */
  private static final class OpenFailed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Exchange exchange;

    OpenFailed(Exchange exchange) {
      super(null, null, false, false);
      this.exchange = exchange;
    }
  }

  /** One TLS connection with the queries in flight on it, by id. */
  private final class Connection {
    final Key key;
    final CompletableFuture<Void> ready = new CompletableFuture<>();
    final Map<Integer, DotQuery> inFlight = new HashMap<>();
    /** The queries waiting for the connection to open: when the last one gives up, the opening is abandoned. */
    private final java.util.Set<DotQuery> waiting = new java.util.HashSet<>();
    volatile boolean dead;
    private @Nullable Socket opening;
    private @Nullable SSLSocket tls;
    private @Nullable TlsInfo info;
    private long lastActivity = System.nanoTime();

    Connection(Key key) {
      this.key = key;
    }

    /** Counts {@code q} among the queries waiting for this connection; false when it was just abandoned. */
    boolean await(DotQuery q) {
      synchronized (this) {
        if (ready.isDone()) {
          return true;
        }
        if (dead) {
          return false;
        }
        waiting.add(q);
      }
      q.result.whenComplete((x, e) -> {
        Socket abandon = null;
        synchronized (this) {
          waiting.remove(q);
          if (waiting.isEmpty() && !ready.isDone()) {
            abandon = opening;
            dead = true;
            connections.remove(key, this);
          }
        }
        if (abandon != null) {
          // nobody waits for this connection any more (cancelled or out of time): stop connecting or handshaking
          DotExchanger.closeQuietly(abandon);
        }
      });
      return true;
    }

    /** Connects and shakes hands, then starts the reader; on failure every waiting query gets the failure. */
    void open(Deadline deadline) {
      InetSocketAddress server = key.server;
      String where = Endpoints.describe(server);
      Socket tcp = new Socket();
      synchronized (this) {
        opening = tcp;
        if (dead) {
          DotExchanger.closeQuietly(tcp);
        }
      }
      try {
        if (key.local != null) {
          tcp.bind(new InetSocketAddress(key.local, 0));
        }
        if (deadline.isExpired()) {
          throw new SocketTimeoutException("no time left to connect");
        }
        tcp.connect(server, deadline.remainingMillisForSocket());
        SSLSocket s = (SSLSocket) key.trust.context().getSocketFactory().createSocket(tcp,
            server.getAddress().getHostAddress(), server.getPort(), true);
        SSLParameters p = s.getSSLParameters();
        key.trust.serverName().ifPresent(n -> p.setServerNames(List.of(new SNIHostName(n))));
        p.setApplicationProtocols(new String[] {"dot"});
        p.setProtocols(key.trust.protocols());
        s.setSSLParameters(p);
        s.setSoTimeout(Math.max(1, deadline.remainingMillisForSocket()));
        s.startHandshake();
        opened.incrementAndGet();
        info = key.trust.info(s.getSession(), s.getApplicationProtocol(), server.getAddress().getHostAddress());
        s.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, idleTimeout.toMillis())));
        synchronized (this) {
          tls = s;
          opening = null;
          waiting.clear();
          if (closed) {
            throw new IOException("the client was closed");
          }
        }
        Thread reader = new Thread(this::read, "netprobe-dot-" + where);
        reader.setDaemon(true);
        reader.start();
        ready.complete(null);
      } catch (IOException | RuntimeException e) {
        DotExchanger.closeQuietly(tcp);
        dead = true;
        connections.remove(key, this);
        Exchange failed;
        if (e instanceof SocketTimeoutException) {
          failed = new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.TIMEOUT, "could not connect to or "
              + "finish the TLS handshake with " + where + " before the deadline"), 0);
        } else if (e instanceof IOException io) {
          ProbeFailure tlsFailure = TlsTrust.failure(io, where);
          failed = new Exchange.NoAnswer(server, tlsFailure != null ? tlsFailure
              : DotExchanger.socketFailure(io, server, key.local, "TLS"), 0);
        } else {
          failed = new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.INTERNAL_ERROR, "DNS over TLS to "
              + where + " failed: " + e, e), 0);
        }
        ready.completeExceptionally(new OpenFailed(failed));
      }
    }

    /** Writes {@code q} on this connection, or hands it back to {@link #submit} when the connection went away. */
    void send(DotQuery q) {
      if (q.result.isDone()) {
        return;
      }
      SSLSocket s;
      synchronized (this) {
        if (dead || tls == null) {
          s = null;
        } else {
          s = tls;
          while (inFlight.containsKey(q.wire.id())) {
            // answers are matched by id on a shared connection: another unpredictable one
            q.newId();
          }
          inFlight.put(q.wire.id(), q);
          lastActivity = System.nanoTime();
        }
      }
      if (s == null) {
        submit(q);
        return;
      }
      q.result.whenComplete((x, e) -> forget(q));
      byte[] frame = new byte[2 + q.wire.size()];
      frame[0] = (byte) (q.wire.size() >> 8);
      frame[1] = (byte) q.wire.size();
      System.arraycopy(q.wire.wire(), 0, frame, 2, q.wire.size());
      try {
        synchronized (s) {
          q.sentAt = System.nanoTime();
          OutputStream out = s.getOutputStream();
          out.write(frame);
          out.flush();
        }
      } catch (IOException e) {
        fail(e);
      }
    }

    private synchronized void forget(DotQuery q) {
      inFlight.remove(q.wire.id(), q);
      lastActivity = System.nanoTime();
    }

    /** Reads answers until the connection ends, closing it when it has been idle long enough. */
    private void read() {
      SSLSocket s = tls;
      try {
        DataInputStream in = new DataInputStream(s.getInputStream());
        while (true) {
          int size;
          try {
            size = in.readUnsignedShort();
          } catch (SocketTimeoutException quiet) {
            synchronized (this) {
              if (inFlight.isEmpty() && System.nanoTime() - lastActivity >= idleTimeout.toNanos()) {
                dead = true;
                connections.remove(key, this);
                DotExchanger.closeQuietly(s);
                return;
              }
            }
            continue;
          }
          byte[] body = new byte[size];
          in.readFully(body);
          long arrived = System.nanoTime();
          Message response;
          try {
            response = new Message(body);
          } catch (IOException malformed) {
            failAll(ProbeFailure.of(FailureKind.PROTOCOL_ERROR, Endpoints.describe(key.server) + " sent a "
                + "malformed message of " + size + " bytes over TLS (" + Endpoints.reason(malformed) + ")",
                malformed));
            return;
          }
          DotQuery q;
          synchronized (this) {
            q = inFlight.get(response.getHeader().getID());
          }
          if (q == null) {
            continue;
          }
          String mismatch = q.wire.mismatch(response);
          if (mismatch != null) {
            q.ignored = "a reply with " + mismatch;
            continue;
          }
          q.result.complete(new Exchange.Answered(key.server, response, size,
              Duration.ofNanos(arrived - q.sentAt), DnsTransport.TLS, 1, Optional.ofNullable(info)));
        }
      } catch (IOException e) {
        fail(e);
      }
    }

    /**
     * The connection ended: closed by the server (it may close an idle connection as a query arrives, RFC 7766
     * §6.2.3) or broken. The queries in flight are sent once more on a new connection while they have time; the
     * others fail. {@code e} null: closed by the client.
     */
    void fail(@Nullable IOException e) {
      List<DotQuery> orphans;
      synchronized (this) {
        if (dead && tls == null) {
          return;
        }
        dead = true;
        connections.remove(key, this);
        orphans = new ArrayList<>(inFlight.values());
        inFlight.clear();
        if (tls != null) {
          DotExchanger.closeQuietly(tls);
        }
      }
      for (DotQuery q : orphans) {
        if (e != null && !q.retried && !closed && !q.deadline.isExpired()) {
          q.retried = true;
          q.sentAt = 0;
          submit(q);
        } else if (e == null) {
          q.result.complete(new Exchange.NoAnswer(key.server, ProbeFailure.of(FailureKind.CANCELLED,
              "the client was closed"), 1));
        } else {
          q.result.complete(new Exchange.NoAnswer(key.server, e instanceof EOFException
              ? ProbeFailure.of(FailureKind.CONNECTION_RESET, Endpoints.describe(key.server)
                  + " closed the TLS connection before answering", e)
              : DotExchanger.socketFailure(e, key.server, key.local, "TLS"), 1));
        }
      }
    }

    private void failAll(ProbeFailure failure) {
      List<DotQuery> orphans;
      synchronized (this) {
        dead = true;
        connections.remove(key, this);
        orphans = new ArrayList<>(inFlight.values());
        inFlight.clear();
        if (tls != null) {
          DotExchanger.closeQuietly(tls);
        }
      }
      for (DotQuery q : orphans) {
        q.result.complete(new Exchange.NoAnswer(key.server, failure, 1));
      }
    }
  }
}
