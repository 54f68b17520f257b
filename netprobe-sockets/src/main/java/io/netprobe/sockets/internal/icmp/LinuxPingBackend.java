package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.PingListener;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.PingSweepSpec;
import io.netprobe.icmp.SendOptions;
import io.netprobe.internal.DefaultExecutor;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.engine.AsyncResolver;
import io.netprobe.internal.engine.NotifyingFuture;
import io.netprobe.sockets.internal.libc.LibC;
import io.netprobe.spi.PingBackend;
import io.netprobe.spi.ProbeEngine;
import javax.annotation.Nullable;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * ICMP ping on Linux through JNA: every ping and sweep of this backend (one per client) shares one socket per address
 * family and configuration — a datagram ICMP socket when {@code net.ipv4.ping_group_range} admits the process, else a
 * raw socket when it has CAP_NET_RAW, else — only when the caller allowed it — a TCP connect, else PERMISSION_DENIED
 * with the diagnosis and the fix. One reactor thread per family ({@link EchoReactor}) sends, matches replies by
 * sequence number and keeps the timers; no thread waits for one ping (on an engine, not for its name's lookup either:
 * the resolver's shared lookup threads, the deadline from the engine's timer), and {@link #ping} is {@link #pingAsync}
 * joined. A ping's RTTs run from the kernel's transmit timestamp ({@code SO_TIMESTAMPING}) to its receive timestamp
 * ({@code SO_TIMESTAMPNS}); a sweep's from the wall clock just before sending; both fall back to the monotonic clock.
 * Other operating systems get UNSUPPORTED_PLATFORM. Thread-safe; {@link #close()} stops the reactors.
 */
public final class LinuxPingBackend extends LinuxIcmpBackend implements PingBackend {
  private final EchoReactors reactors;

  public LinuxPingBackend() {
    this(SocketPolicy.AUTO);
  }

  LinuxPingBackend(SocketPolicy policy) {
    super(policy);
    this.reactors = new EchoReactors(policy);
  }

  @Override
  public PingResult ping(PingSpec spec, Deadline deadline) {
    return pingAsync(spec, deadline, DefaultExecutor.get()).join();
  }

  @Override
  public CompletableFuture<PingResult> pingAsync(PingSpec spec, Deadline deadline, ProbeEngine engine) {
    return pingAsync(spec, deadline, engine.blocking(), engine);
  }

  @Override
  public PingSweepResult sweep(PingSweepSpec spec, Deadline deadline) {
    return sweepAsync(spec, deadline, DefaultExecutor.get()).join();
  }

  @Override
  public CompletableFuture<PingSweepResult> sweepAsync(PingSweepSpec spec, Deadline deadline, ProbeEngine engine) {
    return sweepAsync(spec, deadline, engine.blocking(), engine);
  }

  @Override
  public void close() {
    reactors.close();
  }

  /** Reactor threads running now (for tests). */
  int runningReactors() {
    return reactors.running();
  }

  /** Finished or running echoes the reactors still hold by transmit key (for tests). */
  int heldEchoes() {
    return reactors.heldEchoes();
  }

  /** Probes handed to the reactors and not finished (for tests). */
  int activeProbes() {
    return reactors.active();
  }

  /** @param blocking where name resolution (no engine here) and a TCP fallback run (the only calls that block) */
  CompletableFuture<PingResult> pingAsync(PingSpec spec, Deadline deadline, Executor blocking) {
    return pingAsync(spec, deadline, blocking, null);
  }

  /** @param engine whose completion executor gets the reactor's completions in batches, when there is one */
  private CompletableFuture<PingResult> pingAsync(PingSpec spec, Deadline deadline, Executor blocking,
      @Nullable ProbeEngine engine) {
    Instant started = Instant.now();
    Optional<ProbeFailure> unsupported = unsupported();
    if (unsupported.isPresent()) {
      return CompletableFuture.completedFuture(PingResult.failed(spec, spec.host().literal(), Optional.empty(), 0,
          List.of(), unsupported.get(), ID, started, deadline.elapsed()));
    }
    Ping ping = new Ping(spec, deadline, blocking, engine, started);
    if (spec.host().isLiteral()) {
      ping.run();
    } else if (engine != null) {
      // no thread waits for the lookup: the resolver's shared lookup threads, the deadline from the engine's timer
      AsyncResolver.resolve(spec.host(), deadline, engine).whenComplete((all, error) -> {
        try {
          ping.start(SystemResolver.outcome(spec.host(), all, error));
        } catch (RuntimeException e) {
          ping.completeExceptionally(e); // what the caller would have seen thrown on the blocking path
        }
      });
    } else {
      blocking.execute(ping);
    }
    return ping;
  }

  /**
   * One ping on the reactors: its future (cancelling it cancels the session), the task that resolves and starts it,
   * and its session's listener, in one object; it keeps when it started as two numbers. Tens of thousands of pings
   * wait at once, and each object one keeps alive is copied by every young collection meanwhile (a future, a
   * dependent stage, a list, an instant and three lambdas were).
   */
  private final class Ping extends NotifyingFuture<PingResult>
      implements Runnable, BiFunction<EchoSweep.HostEchoes, Throwable, Void> {
    private final PingSpec spec;
    private final Deadline deadline;
    private final Executor blocking;
    private final @Nullable ProbeEngine engine;
    private final long startedSecond;
    private final int startedNano;
    private volatile @Nullable PingSession session;

    Ping(PingSpec spec, Deadline deadline, Executor blocking, @Nullable ProbeEngine engine, Instant started) {
      this.spec = spec;
      this.deadline = deadline;
      this.blocking = blocking;
      this.engine = engine;
      this.startedSecond = started.getEpochSecond();
      this.startedNano = started.getNano();
    }

    private Instant started() {
      return Instant.ofEpochSecond(startedSecond, startedNano);
    }

    /** Resolves the host (it blocks unless a literal) and hands the session to the reactors. */
    @Override
    public void run() {
      start(SystemResolver.resolve(spec.host(), deadline));
    }

    /** The address the preference chooses among {@code all} (the host's lookup), pinged on the reactors. */
    void start(SystemResolver.Resolution all) {
      SystemResolver.Resolution resolution = PreferredAddress.choose(spec.host(), spec.sendOptions().ipPreference(), all);
      if (!resolution.ok()) {
        complete(PingResult.failed(spec, Optional.empty(), Optional.empty(), 0, List.of(), resolution.failure(),
            ID, started(), deadline.elapsed()));
        return;
      }
      InetAddress address = resolution.addresses().get(0);
      Optional<ProbeFailure> wrongFamily = wrongSourceFamily(spec.sendOptions(), address);
      if (wrongFamily.isPresent()) {
        complete(PingResult.failed(spec, Optional.of(address), Optional.empty(), 0, List.of(), wrongFamily.get(),
            ID, started(), deadline.elapsed()));
        return;
      }
      PingSession s = new PingSession(address, EchoKey.of(true, spec.sendOptions()), spec.count(), spec.interval(),
          spec.replyTimeout(), spec.payloadSize(), spec.ttl().orElse(-1), spec.listener(), deadline,
          System.nanoTime(), this);
      s.engine = engine;
      session = s;
      if (isCancelled()) {
        return;
      }
      reactors.submit(s);
    }

    /** The session ended: the result, or the TCP fallback when ICMP was denied. */
    @Override
    public @Nullable Void apply(EchoSweep.HostEchoes o, @Nullable Throwable t) {
      InetAddress address = session.address;
      if (t == null) {
        complete(result(spec, o, started(), deadline.elapsed()));
      } else if (cause(t) instanceof IcmpDeniedException && ((IcmpDeniedException) cause(t)).isPermission()
          && spec.tcpFallbackPort().isPresent()) {
        blocking.execute(() -> {
          EchoSweep.HostEchoes tcp = new TcpPing().run(spec, address, spec.tcpFallbackPort().getAsInt(), deadline);
          tcp.method = PingMethod.TCP_CONNECT;
          complete(result(spec, tcp, started(), deadline.elapsed()));
        });
      } else {
        complete(PingResult.failed(spec, Optional.of(address), Optional.empty(), 0, List.of(), failure(t),
            ID, started(), deadline.elapsed()));
      }
      return null;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      PingSession s = session;
      if (cancelled && s != null) {
        s.cancel();
      }
      return cancelled;
    }
  }

  private CompletableFuture<PingSweepResult> sweepAsync(PingSweepSpec spec, Deadline deadline, Executor blocking) {
    return sweepAsync(spec, deadline, blocking, null);
  }

  private CompletableFuture<PingSweepResult> sweepAsync(PingSweepSpec spec, Deadline deadline, Executor blocking,
      @Nullable ProbeEngine engine) {
    Instant started = Instant.now();
    Optional<ProbeFailure> unsupported = unsupported();
    if (unsupported.isPresent()) {
      return CompletableFuture.completedFuture(failedSweep(spec, unsupported.get(), started, deadline));
    }
    CompletableFuture<PingSweepResult> out = new CompletableFuture<>();
    List<PingSession> sessions = new ArrayList<>();
    out.handle((r, t) -> { // not whenComplete: no CompletionException of its own when out is cancelled
      if (out.isCancelled()) {
        cancelAll(sessions);
      }
      return null;
    });
    Runnable begin = () -> {
      List<SystemResolver.Resolution> resolutions = SweepResolver.resolveAll(spec.hosts(), deadline);
      long first = System.nanoTime();
      long spacing = spec.spacing().toNanos();
      List<CompletableFuture<PingResult>> results = new ArrayList<>();
      List<ProbeFailure> denials = new ArrayList<>();
      int resolved = 0;
      for (int i = 0; i < spec.hosts().size(); i++) {
        SystemResolver.Resolution all = resolutions.get(i);
        SystemResolver.Resolution r = !all.ok() || spec.sendOptions().ipPreference().isEmpty() ? all
            : PreferredAddress.choose(spec.hosts().get(i), spec.sendOptions().ipPreference().get(), deadline,
                (h, d) -> all);
        PingSpec each = spec.specFor(spec.hosts().get(i));
        if (!r.ok()) {
          results.add(CompletableFuture.completedFuture(PingResult.failed(each, Optional.empty(), Optional.empty(), 0,
              List.of(), r.failure(), ID, started, deadline.elapsed())));
          continue;
        }
        InetAddress address = r.addresses().get(0);
        Optional<ProbeFailure> wrongFamily = wrongSourceFamily(spec.sendOptions(), address);
        if (wrongFamily.isPresent()) {
          results.add(CompletableFuture.completedFuture(PingResult.failed(each, Optional.of(address),
              Optional.empty(), 0, List.of(), wrongFamily.get(), ID, started, deadline.elapsed())));
          continue;
        }
        NotifyingFuture<EchoSweep.HostEchoes> ended = new NotifyingFuture<>();
        PingSession s = new PingSession(address, EchoKey.of(false, spec.sendOptions()), spec.count(),
            spec.interval(), spec.replyTimeout(), spec.payloadSize(), spec.ttl().orElse(-1), PingListener.NONE,
            deadline, first + resolved++ * spacing, (o, t) -> t == null ? ended.complete(o)
                : ended.completeExceptionally(t));
        s.engine = engine;
        synchronized (sessions) {
          sessions.add(s);
        }
        results.add(ended.handle((o, t) -> {
          if (t == null) {
            return result(each, o, started, deadline.elapsed());
          }
          ProbeFailure f = failure(t);
          if (cause(t) instanceof IcmpDeniedException) {
            synchronized (denials) {
              denials.add(f);
            }
          }
          return PingResult.failed(each, Optional.of(address), Optional.empty(), 0, List.of(), f, ID, started,
              deadline.elapsed());
        }));
      }
      if (out.isCancelled()) {
        return;
      }
      sessions.forEach(reactors::submit);
      int targets = resolved;
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((v, t) -> {
        if (targets > 0 && denials.size() == targets) {
          out.complete(failedSweep(spec, denials.get(0), started, deadline));
          return;
        }
        List<PingResult> each = results.stream().map(CompletableFuture::join).toList();
        out.complete(new PingSweepResult(spec, each, ID, started, deadline.elapsed(), Optional.empty()));
      });
    };
    if (spec.hosts().stream().allMatch(Host::isLiteral)) {
      begin.run();
    } else {
      blocking.execute(begin);
    }
    return out;
  }

  /** A source address of the other family than the target's cannot send to it. */
  private static Optional<ProbeFailure> wrongSourceFamily(SendOptions options, InetAddress target) {
    return options.sourceAddress().filter(a -> SocketAddresses.isV6(a) != SocketAddresses.isV6(target))
        .map(a -> ProbeFailure.of(FailureKind.NETWORK_ERROR, "the source address " + Host.of(a).ascii() + " is IPv"
            + (SocketAddresses.isV6(a) ? "6" : "4") + " but the target " + Host.of(target).ascii() + " is IPv"
            + (SocketAddresses.isV6(target) ? "6" : "4")));
  }

  private static void cancelAll(List<PingSession> sessions) {
    synchronized (sessions) {
      sessions.forEach(PingSession::cancel);
    }
  }

  private static Throwable cause(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** Why a ping could not run: no ICMP socket, a socket option refused, or the backend closing. */
  private static ProbeFailure failure(Throwable thrown) {
    Throwable t = cause(thrown);
    if (t instanceof IcmpDeniedException) {
      return denial((IcmpDeniedException) t);
    }
    if (t instanceof ErrnoException) {
      int errno = ((ErrnoException) t).errno();
      String what = errno == LibC.EADDRNOTAVAIL ? "the source address is not an address of this machine: "
          : errno == LibC.ENODEV ? "there is no such interface: " : "ICMP socket error: ";
      return ProbeFailure.of(FailureKind.NETWORK_ERROR, what + t.getMessage(), t);
    }
    if (t instanceof IllegalStateException) {
      return ProbeFailure.of(FailureKind.CANCELLED, t.getMessage(), t);
    }
    return ProbeFailure.of(FailureKind.INTERNAL_ERROR, String.valueOf(t), t);
  }

  /** The result of one target: what the wire gave, judged by core ({@link PingResult#of}). */
  static PingResult result(PingSpec spec, EchoSweep.HostEchoes o, Instant started, Duration elapsed) {
    return PingResult.of(spec, o.address, Optional.ofNullable(o.method), o.transmitted, o.replies(), o.errors(), ID,
        started, elapsed);
  }

  private static ProbeFailure denial(IcmpDeniedException e) {
    if (e.isPermission()) {
      return ProbeFailure.of(FailureKind.PERMISSION_DENIED, e.diagnosis(), e);
    }
    return ProbeFailure.of(e.v6() ? FailureKind.NETWORK_UNREACHABLE : FailureKind.UNSUPPORTED_PLATFORM,
        "this kernel offers no ICMP" + (e.v6() ? "v6 (is IPv6 disabled?)" : "") + " socket: " + e.getMessage(), e);
  }

  private static PingSweepResult failedSweep(PingSweepSpec spec, ProbeFailure f, Instant started, Deadline deadline) {
    Duration elapsed = deadline.elapsed();
    List<PingResult> each = spec.hosts().stream().map(h -> PingResult.failed(spec.specFor(h), h.literal(),
        Optional.empty(), 0, List.of(), f, ID, started, elapsed)).toList();
    return new PingSweepResult(spec, each, ID, started, elapsed, Optional.of(f));
  }
}
