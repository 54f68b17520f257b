package io.netprobe.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.annotation.Nullable;

/**
 * One mtr run's cycles, whoever drives them (a thread that sleeps between cycles, or timers): when the next cycle is
 * due, the traceroute it makes, what its result adds, and the result so far. Not thread-safe: a run's cycles come one
 * after another.
 */
final class MtrCycles {
  private final MtrSpec spec;
  private final Deadline deadline;
  private final Instant started = Instant.now();
  private final MtrAccumulator stats = new MtrAccumulator();
  // one source port for every cycle keeps one flow, hence one path behind per-flow load balancers; above the
  // default ephemeral range so that it rarely collides
  private final int sourcePort = 61000 + ThreadLocalRandom.current().nextInt(4500);
  private Host target;
  private Optional<InetAddress> address;
  private String backend = "none";
  private int cycles;
  private long nextStart = System.nanoTime();
  private boolean ended;
  private @Nullable MtrResult failed;

  MtrCycles(MtrSpec spec) {
    this.spec = spec;
    this.deadline = Deadline.after(spec.timeout());
    this.target = spec.host();
    this.address = target.literal();
  }

  /**
   * Nanoseconds until the next cycle may start (0 for the first), or -1 when the run is over: every cycle run, the
   * run ended by a failed cycle, or the deadline passing before the next cycle's start.
   */
  long untilNext() {
    if (ended || cycles >= spec.cycles() || deadline.isExpired()) {
      return -1;
    }
    if (cycles == 0) {
      return 0;
    }
    long wait = nextStart - System.nanoTime();
    return wait > deadline.remainingNanos() ? -1 : Math.max(0, wait);
  }

  Deadline deadline() {
    return deadline;
  }

  /** Starts a cycle: the traceroute to run, one probe per hop. */
  TracerouteSpec next() {
    nextStart = System.nanoTime() + spec.interval().toNanos();
    return new TracerouteSpec(target, spec.mode(), 1, stats.limit(spec.maxHops()), 1, spec.probeTimeout(),
        spec.destinationPort(), false, TracerouteListener.NONE, cycleTime(), spec.strategy(), Optional.empty(),
        spec.strategy() == TraceStrategy.PARIS ? sourcePort : 0, spec.ipPreference());
  }

  /** The deadline of the cycle {@link #next} started. */
  Deadline cycleDeadline() {
    return deadline.atMost(cycleTime());
  }

  private Duration cycleTime() {
    return spec.probeTimeout().multipliedBy(3);
  }

  /** Adds a cycle's traceroute; a trace that failed without any hop ends the run (the failure if it was the first). */
  void add(TracerouteResult r) {
    backend = r.backend();
    if (r.failure().isPresent() && r.hops().isEmpty()) {
      ended = true;
      if (cycles == 0) {
        failed = new MtrResult(spec, r.address().or(() -> spec.host().literal()), stats.snapshot(), 0, backend,
            started, deadline.elapsed(), r.failure());
      }
      return;
    }
    if (r.address().isPresent() && address.isEmpty()) {
      address = r.address();
      target = Host.of(address.get());
    }
    stats.add(r);
    cycles++;
    try {
      spec.listener().onCycle(result());
    } catch (RuntimeException listenerBug) {
      // the listener must not throw; a bad one must not end the run either
    }
  }

  /** The run so far: every cycle's statistics, or the first cycle's failure. */
  MtrResult result() {
    return failed != null ? failed : new MtrResult(spec, address, stats.snapshot(), cycles, backend, started,
        deadline.elapsed(), Optional.empty());
  }
}
