package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.HopProbe;
import io.netprobe.icmp.TracerouteSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * One traceroute, on the calling thread: probes for all TTLs go out together (up to {@link #WINDOW} in flight, like
 * {@code traceroute -N 16}), answers are matched to probes, and hops are handed to the listener in TTL order as they
 * complete. A probe is given up ({@code *}) after the probe timeout, or earlier the way {@code traceroute -w 5,3,10}
 * does: 3× the RTT of an answer from the same hop, 10× the RTT of an answer from a later hop (never less than
 * {@link #MIN_WAIT}). So a silent hop costs one short wait, not one timeout per hop. Not thread-safe.
 */
final class TraceRun {
  static final int WINDOW = 16;
  static final long MIN_WAIT = Duration.ofMillis(1).toNanos();
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
  private final Function<InetAddress, Optional<String>> names;
  private final Probe[] probes;
  private final List<Hop> hops = new ArrayList<>();
  private int lastTtl;
  private int nextToSend;
  private int nextHopToEmit;
  private boolean reached;

  TraceRun(TracerouteSpec spec, TraceSocket socket, InetAddress target, Function<InetAddress, Optional<String>> names) {
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
   * Runs until every hop up to the destination (or the last TTL) is complete, or the deadline passes, or the thread
   * is interrupted.
   */
  void run(Deadline deadline) throws ErrnoException {
    long timeout = spec.probeTimeout().toNanos();
    while (!deadline.isExpired() && !Thread.currentThread().isInterrupted() && nextHopToEmit <= lastTtl) {
      sendWhatTheWindowAllows(timeout);
      for (TraceSocket.Answer a : socket.drain()) {
        onAnswer(a);
      }
      long now = System.nanoTime();
      giveUp(now);
      emitCompleteHops();
      if (nextHopToEmit > lastTtl) {
        break;
      }
      long wakeAt = deadline.nanoTime();
      for (Probe p : probes) {
        if (p.sent && !p.done && p.giveUpNano - wakeAt < 0) {
          wakeAt = p.giveUpNano;
        }
      }
      long wait = Math.max(0, wakeAt - now);
      if (inFlight() < WINDOW && nextToSend < probes.length && probes[nextToSend].ttl <= lastTtl) {
        wait = 0;
      }
      socket.nativeSocket().poll((int) Math.min(Integer.MAX_VALUE, (wait + 999_999) / 1_000_000));
    }
    for (TraceSocket.Answer a : socket.drain()) {
      onAnswer(a);
    }
    if (nextHopToEmit <= lastTtl) {
      finishAtDeadline();
    }
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

  private void emitCompleteHops() {
    while (nextHopToEmit <= lastTtl) {
      int first = (nextHopToEmit - spec.firstTtl()) * spec.probesPerHop();
      for (int j = 0; j < spec.probesPerHop(); j++) {
        Probe p = probes[first + j];
        if (!p.sent || !p.done) {
          return;
        }
      }
      emit(nextHopToEmit, first);
      nextHopToEmit++;
    }
  }

  private void finishAtDeadline() {
    int highestSent = nextToSend == 0 ? spec.firstTtl() - 1 : probes[nextToSend - 1].ttl;
    while (nextHopToEmit <= Math.min(lastTtl, highestSent)) {
      emit(nextHopToEmit, (nextHopToEmit - spec.firstTtl()) * spec.probesPerHop());
      nextHopToEmit++;
    }
  }

  private void emit(int ttl, int first) {
    List<HopProbe> hopProbes = new ArrayList<>();
    InetAddress responder = null;
    for (int j = 0; j < spec.probesPerHop(); j++) {
      Probe p = probes[first + j];
      TraceSocket.Answer a = p.answer;
      if (a == null) {
        hopProbes.add(HopProbe.silent());
        continue;
      }
      hopProbes.add(new HopProbe(Optional.of(a.from()), Optional.of(Duration.ofNanos(p.rttNanos)), a.type(),
          a.code(), a.extensions(), a.nat()));
      if (responder == null) {
        responder = a.from();
      }
    }
    Optional<String> name = responder == null || !spec.resolveNames() ? Optional.empty() : names.apply(responder);
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
