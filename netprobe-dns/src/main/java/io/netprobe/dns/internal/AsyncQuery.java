package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsEncryption;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import org.xbill.DNS.Rcode;

/**
 * One question asked on the engine the way {@link DnsjavaBackend} always has: the servers in order, each given an
 * even share of the time left; per server UDP with retransmissions ({@link UdpAttempt}), TCP when truncated or forced
 * ({@link TcpAttempt}), once more without EDNS after a FORMERR without OPT; the next server after silence, an error,
 * SERVFAIL or REFUSED; and the result built as before. Every step runs on the loop thread, so the state needs no lock.
 * {@link #cancel()} (from any thread) stops the current step, freeing its id or closing its connection.
 *
 * <p>The query is its UDP attempts themselves (one per server it asks over UDP, in turn), their timer entry and
 * encoder, and the server, EDNS and truncation state of the exchange in progress are fields, not captured in a chain
 * of lambdas: tens of thousands of lookups wait at once, and each object a lookup keeps alive is copied by every young
 * collection meanwhile.
 */
final class AsyncQuery extends UdpAttempt implements LookupFuture.Lookup<DnsResult> {
  /** A step in flight that can be withdrawn. */
  interface Step {
    void cancel();

    /**
     * Withdraws the step and runs {@code released} on the loop once what it holds is free (a TCP connection's fd
     * is freed only at the selector's next select).
     */
    default void cancel(Runnable released) {
      cancel();
      released.run();
    }
  }

  private final EncryptedTransport encrypted;
  private final DnsSpec query;
  private final List<InetSocketAddress> servers;
  private final @Nullable InetAddress local;
  private final Deadline deadline;
  /** When the lookup began, as {@link Instant}'s two parts (one object fewer per lookup in flight). */
  private final long startedSecond;
  private final int startedNano;
  private final long startNanos;
  private final Consumer<DnsResult> done;
  /** What the servers asked before said, once one failed. */
  private @Nullable List<String> problems;
  private int index;
  /** The exchange in progress: its server and share of the time, and whether it sends EDNS. */
  private @Nullable InetSocketAddress server;
  private @Nullable Deadline forServer;
  private boolean edns;
  /** The FORMERR answer to the query with EDNS, while the server is asked again without. */
  private @Nullable Exchange.Answered formerr;
  /** The truncated UDP answer, while the server is asked again over TCP. */
  private @Nullable Exchange.Answered truncated;
  private int sent;
  private @Nullable Exchange.Answered lastAnswer;
  private int lastAnswerProblem = -1;
  private @Nullable Exchange.NoAnswer lastSilence;
  /** The TCP or encrypted step in progress; null while a UDP attempt (this query itself) is, or none. */
  private @Nullable Step current;
  private boolean cancelled;

  /**
   * @param startNanos when the lookup began, for its elapsed time
   * @param done called with the result, on the loop thread
   */
  AsyncQuery(UdpMux mux, EncryptedTransport encrypted, DnsSpec query, List<InetSocketAddress> servers,
      Deadline deadline, Instant started, long startNanos, Consumer<DnsResult> done) {
    super(mux);
    this.encrypted = encrypted;
    this.query = query;
    this.servers = servers;
    this.local = query.source().orElse(null);
    this.deadline = deadline;
    this.startedSecond = started.getEpochSecond();
    this.startedNano = started.getNano();
    this.startNanos = startNanos;
    this.done = done;
  }

  /** Starts on the loop thread. */
  void start() {
    mux.loop().execute(this::nextServer);
  }

  /** Withdraws the question; {@code done} is not called. Callable from any thread. */
  void cancel() {
    cancel(() -> {});
  }

  /**
   * Withdraws the question and runs {@code released} once its socket, if it has one of its own (TCP), is closed
   * and its fd free; {@code done} is not called. Callable from any thread.
   */
  @Override
  public void cancel(Runnable released) {
    try {
      mux.loop().execute(() -> {
        cancelled = true;
        if (current != null) {
          current.cancel(released);
        } else {
          withdrawUdp();
          released.run();
        }
      });
    } catch (IllegalStateException engineClosed) {
      released.run(); // the engine closed every channel already
    }
  }

  @Override
  public DnsResult closed(ProbeFailure failure) {
    return DnsResult.builder(query).backend(DnsjavaBackend.ID).started(started()).failure(failure)
        .elapsed(deadline.elapsed()).build();
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private Instant started() {
    return Instant.ofEpochSecond(startedSecond, startedNano);
  }

  private List<String> problems() {
    if (problems == null) {
      problems = new ArrayList<>(2);
    }
    return problems;
  }

  private void nextServer() {
    if (cancelled) {
      return;
    }
    if (index < servers.size() && !deadline.isExpired()) {
      // the servers still to ask share the time left evenly, so a silent first server leaves time for the next
      server = servers.get(index);
      forServer = deadline.atMost(deadline.remaining().dividedBy(servers.size() - index));
      edns = true;
      formerr = null;
      once();
      return;
    }
    finishWithoutAnswer();
  }

  private void answeredBy(Exchange e) {
    InetSocketAddress server = servers.get(index);
    sent += e.sent();
    boolean last = index == servers.size() - 1;
    index++;
    if (e instanceof Exchange.Answered a && (!ServerExchange.worthTryingNext(e) || last)) {
      done.accept(Results.answered(query, a, sent, started(), elapsed(), context()));
      return;
    }
    if (e instanceof Exchange.Answered a) {
      lastAnswer = a;
      lastAnswerProblem = problems().size();
      problems().add(Endpoints.describe(server) + " answered " + Rcode.string(a.reply().rcode()));
    } else {
      lastSilence = (Exchange.NoAnswer) e;
      problems().add(lastSilence.failure().message());
    }
    nextServer();
  }

  private void finishWithoutAnswer() {
    if (lastAnswer != null) {
      // a SERVFAIL or REFUSED says more than the silence of the servers after it
      problems.remove(lastAnswerProblem);
      done.accept(Results.answered(query, lastAnswer, sent, started(), elapsed(), context()));
      return;
    }
    Exchange.NoAnswer silence = lastSilence;
    if (silence == null) {
      silence = new Exchange.NoAnswer(servers.get(0), ProbeFailure.of(FailureKind.TIMEOUT,
          "no time left to ask " + Endpoints.describe(servers.get(0))), 0);
    }
    ProbeFailure failure = silence.failure();
    if (problems != null && problems.size() > 1) {
      failure = ProbeFailure.of(failure.kind(), "no servers could be reached: " + String.join("; ", problems),
          failure.cause().orElse(null));
    }
    done.accept(Results.silent(query, new Exchange.NoAnswer(silence.server(), failure, sent), sent, started(),
        elapsed()));
  }

  private String context() {
    return problems == null || problems.isEmpty() ? "" : "(other servers: " + String.join("; ", problems) + ")";
  }

  /**
   * One exchange with {@link #server} ({@link ServerExchange#once}): TCP when forced, else UDP and TCP when
   * truncated. Its outcome goes to {@link #exchanged}.
   */
  private void once() {
    if (cancelled) {
      return;
    }
    truncated = null;
    current = null;
    if (query.encryption().isPresent()) {
      encrypted(server, edns, forServer);
      return;
    }
    if (query.forceTcp()) {
      tcp(WireQuery.of(query, QueryIds.next(), edns));
      return;
    }
    startUdp(mux.key(local, server), query.tries(), forServer);
  }

  /** The UDP attempt's query with the id its socket gave it. */
  @Override
  WireQuery encode(int id) {
    return WireQuery.of(query, id, edns);
  }

  /** The UDP attempt's outcome: over TCP again when truncated. */
  @Override
  void udpDone(Exchange e) {
    if (cancelled) {
      return;
    }
    if (e instanceof Exchange.Answered a && a.reply().truncated()) {
      truncated = a;
      tcp(WireQuery.of(query, a.reply().id(), edns));
      return;
    }
    exchanged(e);
  }

  private void tcp(WireQuery wire) {
    TcpAttempt tcp = new TcpAttempt(mux, server, local, wire, forServer, this::tcpDone);
    current = tcp;
    tcp.start();
  }

  private void tcpDone(Exchange e) {
    if (cancelled) {
      return;
    }
    Exchange.Answered udp = truncated;
    exchanged(udp == null ? e : afterTruncation(server, udp, e));
  }

  /**
   * {@link ServerExchange#ask}: the server's exchange is over, unless it answered FORMERR without OPT to a query with
   * EDNS — then it is asked once more without.
   */
  private void exchanged(Exchange e) {
    Exchange.Answered first = formerr;
    if (first != null) {
      answeredBy(withSent(e, first.sent() + e.sent()));
      return;
    }
    if (e instanceof Exchange.Answered a && a.reply().rcode() == Rcode.FORMERR
        && !a.reply().hasOpt() && query.ednsBufferSize() > 0 && !forServer.isExpired()) {
      formerr = a;
      edns = false;
      once();
      return;
    }
    answeredBy(e);
  }

  /** DNS over TLS (on the blocking executor) or HTTPS (the JDK's async client), continued on the loop. */
  private void encrypted(InetSocketAddress server, boolean edns, Deadline forServer) {
    DnsEncryption e = query.encryption().orElseThrow();
    EncryptedTransport.Step step = new EncryptedTransport.Step();
    current = step;
    CompletableFuture<Exchange> f;
    try {
      f = e.protocol() == DnsEncryption.Protocol.TLS
          ? encrypted.tls(server, local, WireQuery.of(query, QueryIds.next(), edns), e, forServer,
              mux.engine().blocking(), step)
          : encrypted.https(server, local, WireQuery.of(query, 0, edns), e, forServer, step);
    } catch (IllegalArgumentException badCaFile) {
      f = CompletableFuture.completedFuture(new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.TLS_UNTRUSTED,
          badCaFile.getMessage(), badCaFile), 0));
    }
    f.whenComplete((x, error) -> {
      Exchange outcome = x != null ? x : new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.INTERNAL_ERROR,
          "the encrypted exchange with " + Endpoints.describe(server) + " failed: " + error, error), 0);
      try {
        mux.loop().execute(() -> {
          if (!cancelled) {
            exchanged(outcome);
          }
        });
      } catch (IllegalStateException engineClosed) {
        // the client closed; its futures complete without us
      }
    });
  }

  private static Exchange afterTruncation(InetSocketAddress server, Exchange.Answered a, Exchange tcp) {
    if (tcp instanceof Exchange.NoAnswer n) {
      return new Exchange.NoAnswer(server, ProbeFailure.of(n.failure().kind(), "the UDP answer from "
          + Endpoints.describe(server) + " was truncated and the TCP retry failed: " + n.failure().message(),
          n.failure().cause().orElse(null)), a.sent() + n.sent());
    }
    Exchange.Answered t = (Exchange.Answered) tcp;
    if (t.reply().truncated()) {
      // TCP has no size limit: a truncated answer there is a broken server, not an answer without data
      return new Exchange.NoAnswer(server, ProbeFailure.of(FailureKind.PROTOCOL_ERROR, "the answer from "
          + Endpoints.describe(server) + " was truncated over UDP and again over TCP (TC set on a TCP answer)"),
          a.sent() + t.sent());
    }
    return t.withSent(a.sent() + t.sent());
  }

  private static Exchange withSent(Exchange e, int sent) {
    return e instanceof Exchange.Answered a ? a.withSent(sent) : ((Exchange.NoAnswer) e).withSent(sent);
  }
}
