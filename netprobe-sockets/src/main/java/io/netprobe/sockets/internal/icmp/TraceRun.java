package io.netprobe.sockets.internal.icmp;

import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.TracerouteSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * One traceroute, stepped by a {@link TraceReactor}: probes for all TTLs go out together (up to {@link #WINDOW} in flight, like
 * {@code traceroute -N 16}), answers are matched to probes, and hops are handed to the listener in TTL order as they
 * complete. A probe is given up ({@code *}) after the probe timeout, or earlier the way {@code traceroute -w 5,3,10}
 * does: 3× the RTT of an answer from the same hop, 10× the RTT of an answer from a later hop (never less than
 * {@link #MIN_WAIT}). So a silent hop costs one short wait, not one timeout per hop. Confined to its reactor thread.
 */
final class TraceRun {
  static final int WINDOW = 16;
  /**
   * The shortest adaptive wait. A router (or a slow path in it) answers a hop's second probe a few milliseconds
   * after its first more often than sub-millisecond round trips suggest; at 1 ms such answers were given up as lost.
   */
  static final long MIN_WAIT = Duration.ofMillis(10).toNanos();
  /** How long a complete hop waits for its reverse name before it is emitted without one. */
  static final long MAX_NAME_WAIT_NANOS = Duration.ofSeconds(1).toNanos();
  private static final int HERE_FACTOR = 3;
  private static final int NEAR_FACTOR = 10;

  private static final class Probe {
    final int ttl;
    long sentNano;
    long sentEpochNanos;
    long giveUpNano;
    boolean sent;
    boolean done;
    @Nullable TraceSocket.Answer answer;
    long rttNanos;

    Probe(int ttl) {
      this.ttl = ttl;
    }
  }

  private final TracerouteSpec spec;
  private final TraceSocket socket;
  private final InetAddress target;
  private final Function<InetAddress, CompletableFuture<Optional<String>>> names;
  private @Nullable CompletableFuture<Optional<String>> pendingName;
  private long nameWaitUntil;
  private final Probe[] probes;
  private final List<Hop> hops = new ArrayList<>();
  private int lastTtl;
  private int nextToSend;
  private int nextHopToEmit;
  private boolean reached;

  /** @param names starts the reverse lookup of a hop's address; its completion must wake the trace's reactor */
  TraceRun(TracerouteSpec spec, TraceSocket socket, InetAddress target,
      Function<InetAddress, CompletableFuture<Optional<String>>> names) {
    this.spec = spec;
    this.socket = socket;
    this.target = target;
    this.names = names;
    int ttls = spec.maxHops() - spec.firstTtl() + 1;
    this.probes = new Probe[ttls * spec.probesPerHop()];
    for (int i = 0; i < probes.length; i++) {
      probes[i] = new Probe(spec.firstTtl() + i / spec.probesPerHop());
    }
    this.lastTtl = spec.maxHops();
    this.nextHopToEmit = spec.firstTtl();
  }

  List<Hop> hops() {
    return hops;
  }

  boolean reached() {
    return reached;
  }

  /**
   * One turn of the trace, on its reactor after its socket was readable or a wake-up time passed: sends what the
   * window allows, takes the answers, gives up late probes and emits complete hops.
   *
   * @return whether the trace is complete (every hop up to the destination or the last TTL emitted)
   */
  boolean step() throws ErrnoException {
    sendWhatTheWindowAllows(spec.probeTimeout().toNanos());
    for (TraceSocket.Answer a : socket.drain()) {
      onAnswer(a);
    }
    giveUp(System.nanoTime());
    emitCompleteHops(System.nanoTime());
    return nextHopToEmit > lastTtl;
  }

  /** When the next {@link #step} is due at the latest: a probe to give up, a name to stop waiting for, or now. */
  long wakeAt(long deadlineNano) {
    long wakeAt = deadlineNano;
    for (Probe p : probes) {
      if (p.sent && !p.done && p.giveUpNano - wakeAt < 0) {
        wakeAt = p.giveUpNano;
      }
    }
    if (pendingName != null && nameWaitUntil - wakeAt < 0) {
      wakeAt = nameWaitUntil;
    }
    if (inFlight() < WINDOW && nextToSend < probes.length && probes[nextToSend].ttl <= lastTtl) {
      wakeAt = System.nanoTime();
    }
    return wakeAt;
  }

  /** At the deadline: takes the last answers and emits the hops probed so far (without waiting for names). */
  void finishAtDeadline() throws ErrnoException {
    for (TraceSocket.Answer a : socket.drain()) {
      onAnswer(a);
    }
    int highestSent = nextToSend == 0 ? spec.firstTtl() - 1 : probes[nextToSend - 1].ttl;
    while (nextHopToEmit <= Math.min(lastTtl, highestSent)) {
      emit(nextHopToEmit, (nextHopToEmit - spec.firstTtl()) * spec.probesPerHop(), nameSoFar());
      nextHopToEmit++;
    }
  }

  boolean isComplete() {
    return nextHopToEmit > lastTtl;
  }

  private void sendWhatTheWindowAllows(long timeout) {
    while (nextToSend < probes.length && inFlight() < WINDOW) {
      Probe p = probes[nextToSend];
      if (p.ttl > lastTtl) {
        return;
      }
      Instant wall = Instant.now();
      p.sentNano = System.nanoTime();
      p.sentEpochNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
      p.giveUpNano = p.sentNano + timeout;
      p.sent = true;
      if (socket.send(target, nextToSend, p.ttl) != 0) {
        p.done = true; // could not be sent (no route): it stays unanswered
      }
      nextToSend++;
    }
  }

  private int inFlight() {
    int n = 0;
    for (int i = 0; i < nextToSend; i++) {
      if (!probes[i].done) {
        n++;
      }
    }
    return n;
  }

  private void onAnswer(TraceSocket.Answer a) {
    if (a.probe() < 0 || a.probe() >= nextToSend) {
      return;
    }
    Probe p = probes[a.probe()];
    if (p.answer != null) {
      return;
    }
    long user = a.userNanoTime() - p.sentNano;
    long rtt = user;
    if (a.kernelEpochNanos() > 0) {
      long kernel = a.kernelEpochNanos() - p.sentEpochNanos;
      if (kernel >= 0 && kernel <= user + 2_000_000) {
        rtt = kernel;
      }
    }
    p.answer = a;
    p.rttNanos = Math.max(0, rtt);
    p.done = true;
    if (isFinal(a) && p.ttl < lastTtl) {
      lastTtl = p.ttl;
    }
    for (Probe other : probes) {
      if (other.sent && !other.done) {
        long factor = other.ttl == p.ttl ? HERE_FACTOR : other.ttl < p.ttl ? NEAR_FACTOR : 0;
        if (factor > 0) {
          long limit = other.sentNano + Math.max(MIN_WAIT, factor * p.rttNanos);
          if (limit - other.giveUpNano < 0) {
            other.giveUpNano = limit;
          }
        }
      }
    }
  }

  /** Whether this answer ends the trace, as core judges it ({@link HopProbe#endsTrace}). */
  private boolean isFinal(TraceSocket.Answer a) {
    return new HopProbe(Optional.of(a.from()), Optional.empty(), a.type(), a.code()).endsTrace(target);
  }

  private void giveUp(long now) {
    for (Probe p : probes) {
      if (p.sent && !p.done && now - p.giveUpNano >= 0) {
        p.done = true;
      }
    }
  }

  private void emitCompleteHops(long now) {
    while (nextHopToEmit <= lastTtl) {
      int first = (nextHopToEmit - spec.firstTtl()) * spec.probesPerHop();
      for (int j = 0; j < spec.probesPerHop(); j++) {
        Probe p = probes[first + j];
        if (!p.sent || !p.done) {
          return;
        }
      }
      InetAddress responder = responder(first);
      if (spec.resolveNames() && responder != null) {
        if (pendingName == null) {
          pendingName = names.apply(responder);
          nameWaitUntil = now + MAX_NAME_WAIT_NANOS;
        }
        if (!pendingName.isDone() && now - nameWaitUntil < 0) {
          return; // the hop waits for its name; the lookup's completion wakes the reactor
        }
      }
      emit(nextHopToEmit, first, nameSoFar());
      pendingName = null;
      nextHopToEmit++;
    }
  }

  private Optional<String> nameSoFar() {
    return pendingName == null ? Optional.empty() : pendingName.getNow(Optional.empty());
  }

  private @Nullable InetAddress responder(int first) {
    for (int j = 0; j < spec.probesPerHop(); j++) {
      TraceSocket.Answer a = probes[first + j].answer;
      if (a != null) {
        return a.from();
      }
    }
    return null;
  }

  private void emit(int ttl, int first, Optional<String> name) {
    List<HopProbe> hopProbes = new ArrayList<>();
    for (int j = 0; j < spec.probesPerHop(); j++) {
      Probe p = probes[first + j];
      TraceSocket.Answer a = p.answer;
      if (a == null) {
        hopProbes.add(HopProbe.silent());
        continue;
      }
      hopProbes.add(new HopProbe(Optional.of(a.from()), Optional.of(Duration.ofNanos(p.rttNanos)), a.type(),
          a.code(), a.extensions(), a.nat()));
    }
    Hop hop = Hop.of(ttl, hopProbes, name, target);
    reached |= hop.reachedDestination();
    hops.add(hop);
    try {
      spec.listener().onHop(hop);
    } catch (RuntimeException listenerBug) {
      // the listener must not throw; a bad one must not end the trace either
    }
  }
}
