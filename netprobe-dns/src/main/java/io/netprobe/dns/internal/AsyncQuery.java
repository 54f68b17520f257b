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
 */
final class AsyncQuery {
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

  private final UdpMux mux;
  private final EncryptedTransport encrypted;
  private final DnsSpec query;
  private final List<InetSocketAddress> servers;
  private final @Nullable InetAddress local;
  private final Deadline deadline;
  private final Instant started;
  private final long startNanos;
  private final Consumer<DnsResult> done;
  private final List<String> problems = new ArrayList<>();
  private int index;
  private int sent;
  private @Nullable Exchange.Answered lastAnswer;
  private int lastAnswerProblem = -1;
  private @Nullable Exchange.NoAnswer lastSilence;
  private @Nullable Step current;
  private boolean cancelled;

  /**
   * @param startNanos when the lookup began, for its elapsed time
   */
  AsyncQuery(UdpMux mux, EncryptedTransport encrypted, DnsSpec query, List<InetSocketAddress> servers,
      Deadline deadline, Instant started, long startNanos, Consumer<DnsResult> done) {
    this.mux = mux;
    this.encrypted = encrypted;
    this.query = query;
    this.servers = servers;
    this.local = query.source().orElse(null);
    this.deadline = deadline;
    this.started = started;
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
  void cancel(Runnable released) {
    try {
      mux.loop().execute(() -> {
        cancelled = true;
        if (current != null) {
          current.cancel(released);
        } else {
          released.run();
        }
      });
    } catch (IllegalStateException engineClosed) {
      released.run(); // the engine closed every channel already
    }
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private void nextServer() {
    if (cancelled) {
      return;
    }
    if (index < servers.size() && !deadline.isExpired()) {
      // the servers still to ask share the time left evenly, so a silent first server leaves time for the next
      Deadline forServer = deadline.atMost(deadline.remaining().dividedBy(servers.size() - index));
      ask(servers.get(index), forServer, this::answeredBy);
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
      done.accept(Results.answered(query, a, sent, started, elapsed(), context()));
      return;
    }
    if (e instanceof Exchange.Answered a) {
      lastAnswer = a;
      lastAnswerProblem = problems.size();
      problems.add(Endpoints.describe(server) + " answered " + Rcode.string(a.reply().rcode()));
    } else {
      lastSilence = (Exchange.NoAnswer) e;
      problems.add(lastSilence.failure().message());
    }
    nextServer();
  }

  private void finishWithoutAnswer() {
    if (lastAnswer != null) {
      // a SERVFAIL or REFUSED says more than the silence of the servers after it
      problems.remove(lastAnswerProblem);
      done.accept(Results.answered(query, lastAnswer, sent, started, elapsed(), context()));
      return;
    }
    Exchange.NoAnswer silence = lastSilence;
    if (silence == null) {
      silence = new Exchange.NoAnswer(servers.get(0), ProbeFailure.of(FailureKind.TIMEOUT,
          "no time left to ask " + Endpoints.describe(servers.get(0))), 0);
    }
    ProbeFailure failure = silence.failure();
    if (problems.size() > 1) {
      failure = ProbeFailure.of(failure.kind(), "no servers could be reached: " + String.join("; ", problems),
          failure.cause().orElse(null));
    }
    done.accept(Results.silent(query, new Exchange.NoAnswer(silence.server(), failure, sent), sent, started,
        elapsed()));
  }

  private String context() {
    return problems.isEmpty() ? "" : "(other servers: " + String.join("; ", problems) + ")";
  }

  /** {@link ServerExchange#ask}: one server, and once more without EDNS after a FORMERR without OPT. */
  private void ask(InetSocketAddress server, Deadline forServer, Consumer<Exchange> then) {
    once(server, true, forServer, first -> {
      if (first instanceof Exchange.Answered a && a.reply().rcode() == Rcode.FORMERR
          && !a.reply().hasOpt() && ednsSent(a) && !forServer.isExpired()) {
        once(server, false, forServer, again -> then.accept(withSent(again, a.sent() + again.sent())));
        return;
      }
      then.accept(first);
    });
  }

  private boolean ednsSent(Exchange.Answered a) {
    return query.ednsBufferSize() > 0;
  }

  /** {@link ServerExchange#once}: TCP when forced, else UDP and TCP when truncated. */
  private void once(InetSocketAddress server, boolean edns, Deadline forServer, Consumer<Exchange> then) {
    if (cancelled) {
      return;
    }
    if (query.encryption().isPresent()) {
      encrypted(server, edns, forServer, then);
      return;
    }
    if (query.forceTcp()) {
      tcp(server, WireQuery.of(query, QueryIds.next(), edns), forServer, then);
      return;
    }
    UdpAttempt udp = new UdpAttempt(mux, new UdpMux.Key(local, server), id -> WireQuery.of(query, id, edns),
        query.tries(), forServer, e -> {
          if (cancelled) {
            return;
          }
          if (e instanceof Exchange.Answered a && a.reply().truncated()) {
            WireQuery asked = WireQuery.of(query, a.reply().id(), edns);
            tcp(server, asked, forServer, t -> then.accept(afterTruncation(server, a, t)));
            return;
          }
          then.accept(e);
        });
    current = udp;
    udp.start();
  }

  private void tcp(InetSocketAddress server, WireQuery wire, Deadline forServer, Consumer<Exchange> then) {
    TcpAttempt tcp = new TcpAttempt(mux, server, local, wire, forServer, e -> {
      if (!cancelled) {
        then.accept(e);
      }
    });
    current = tcp;
    tcp.start();
  }

  /** DNS over TLS (on the blocking executor) or HTTPS (the JDK's async client), continued on the loop. */
  private void encrypted(InetSocketAddress server, boolean edns, Deadline forServer, Consumer<Exchange> then) {
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
            then.accept(outcome);
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
