package io.netprobe.sockets.internal.icmp;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.icmp.PingMethod;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.internal.DefaultExecutor;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.engine.AsyncResolver;
import io.netprobe.spi.ProbeEngine;
import io.netprobe.sockets.internal.libc.LibC;
import io.netprobe.spi.TracerouteBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * Traceroute on Linux through JNA. Each trace has its own socket; one reactor thread per backend ({@link
 * TraceReactor}) drives them all, so no thread waits for one trace (on an engine, not for the target's lookup either;
 * the hops' reverse names are looked up on the resolver's shared lookup threads, and MDA's walk still runs on the
 * engine's blocking pool), and {@link #trace} is {@link #traceAsync} joined.
 * UDP mode (the default) needs no privileges at all: a UDP
 * socket with {@code IP_RECVERR} and the error queue. ICMP mode uses a datagram ICMP socket when
 * {@code ping_group_range} admits the process (answers from the error queue), else a raw ICMP socket with
 * CAP_NET_RAW, else PERMISSION_DENIED with the diagnosis. TCP mode writes SYNs through raw sockets: CAP_NET_RAW or
 * PERMISSION_DENIED saying so. Thread-safe; {@link #close()} stops the reactor.
 */
public final class LinuxTracerouteBackend extends LinuxIcmpBackend implements TracerouteBackend {
  private final Object lock = new Object();
  private @Nullable TraceReactor reactor;
  private boolean closed;

  public LinuxTracerouteBackend() {
    this(SocketPolicy.AUTO);
  }

  LinuxTracerouteBackend(SocketPolicy policy) {
    super(policy);
  }

  @Override
  public TracerouteResult trace(TracerouteSpec spec, Deadline deadline) {
    return traceAsync(spec, deadline, DefaultExecutor.get()).join();
  }

  @Override
  public CompletableFuture<TracerouteResult> traceAsync(TracerouteSpec spec, Deadline deadline,
      ProbeEngine engine) {
    return traceAsync(spec, deadline, engine.blocking(), engine);
  }

  @Override
  public void close() {
    TraceReactor r;
    synchronized (lock) {
      closed = true;
      r = reactor;
      reactor = null;
    }
    if (r != null) {
      r.close(2_000);
    }
  }

  /** @param blocking where the target's lookup (no engine here) and MDA's walk run */
  CompletableFuture<TracerouteResult> traceAsync(TracerouteSpec spec, Deadline deadline, Executor blocking) {
    return traceAsync(spec, deadline, blocking, null);
  }

  /**
   * @param engine when there is one, the target's name is looked up without a thread waiting for it (the resolver's
   *     shared lookup threads, the deadline from the engine's timer); else on {@code blocking}
   */
  private CompletableFuture<TracerouteResult> traceAsync(TracerouteSpec spec, Deadline deadline, Executor blocking,
      @Nullable ProbeEngine engine) {
    Instant started = Instant.now();
    Optional<ProbeFailure> unsupported = unsupported();
    if (unsupported.isPresent()) {
      return CompletableFuture.completedFuture(failed(spec, spec.host().literal(), unsupported.get(), started,
          deadline));
    }
    CompletableFuture<TracerouteResult> out = new CompletableFuture<>();
    TraceReactor.Trace[] submitted = new TraceReactor.Trace[1];
    out.whenComplete((r, t) -> {
      if (out.isCancelled()) {
        synchronized (submitted) {
          if (submitted[0] != null) {
            submitted[0].cancelled = true;
            wakeReactor();
          }
        }
      }
    });
    Consumer<SystemResolver.Resolution> begin = all -> {
      SystemResolver.Resolution resolution = PreferredAddress.choose(spec.host(), spec.ipPreference(), all);
      if (!resolution.ok()) {
        out.complete(failed(spec, Optional.empty(), resolution.failure(), started, deadline));
        return;
      }
      InetAddress target = resolution.addresses().get(0);
      String notHere = TraceSockets.unsupported(spec, target);
      if (notHere != null) {
        out.complete(failed(spec, Optional.of(target), ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, notHere),
            started, deadline));
        return;
      }
      TraceSocket socket;
      try {
        socket = spec.allPaths().isPresent() ? TraceSockets.openFlows(spec, target, policy)
            : TraceSockets.open(spec, target, policy);
      } catch (IcmpDeniedException | java.io.IOException e) {
        out.complete(failed(spec, Optional.of(target), openFailure(spec, e), started, deadline));
        return;
      }
      if (spec.allPaths().isPresent()) {
        // MDA walks its flows step by step and blocks; it runs on the bounded blocking executor (see below)
        out.complete(MdaTrace.trace(spec, (FlowTraceSocket) socket, target, started, deadline));
        return;
      }
      TraceRun run = new TraceRun(spec, socket, target, this::reverseName);
      TraceReactor.Trace trace = new TraceReactor.Trace(run, socket, deadline);
      PingMethod method = socket.method();
      trace.future.whenComplete((done, t) -> {
        Optional<ProbeFailure> failure = Optional.empty();
        if (t != null) {
          Throwable cause = t instanceof java.util.concurrent.CompletionException ? t.getCause() : t;
          failure = Optional.of(cause instanceof IllegalStateException
              ? ProbeFailure.of(FailureKind.CANCELLED, cause.getMessage(), cause)
              : ProbeFailure.of(FailureKind.NETWORK_ERROR, "the probe socket failed: " + cause.getMessage(), cause));
        }
        out.complete(new TracerouteResult(spec, Optional.of(target), Optional.of(method), run.hops(), run.reached(),
            ID, started, deadline.elapsed(), failure));
      });
      synchronized (submitted) {
        submitted[0] = trace;
        trace.cancelled = out.isCancelled();
      }
      submit(trace);
    };
    boolean mda = spec.allPaths().isPresent();
    if (spec.host().isLiteral() && !mda) {
      begin.accept(SystemResolver.resolve(spec.host(), deadline));
    } else if (engine != null) {
      AsyncResolver.resolve(spec.host(), deadline, engine).whenComplete((all, error) -> {
        SystemResolver.Resolution r = SystemResolver.outcome(spec.host(), all, error);
        try {
          if (mda) {
            blocking.execute(() -> begin.accept(r));
          } else {
            begin.accept(r);
          }
        } catch (RuntimeException e) {
          out.completeExceptionally(e); // what the caller would have seen thrown on the blocking path
        }
      });
    } else {
      blocking.execute(() -> begin.accept(SystemResolver.resolve(spec.host(), deadline)));
    }
    return out;
  }

  private void submit(TraceReactor.Trace trace) {
    synchronized (lock) {
      if (closed) {
        trace.socket.close();
        trace.future.completeExceptionally(new IllegalStateException("the traceroute backend is closed"));
        return;
      }
      try {
        if (reactor == null || !reactor.submit(trace)) {
          reactor = new TraceReactor(lock);
          reactor.submit(trace);
        }
      } catch (ErrnoException e) {
        trace.socket.close();
        trace.future.completeExceptionally(e);
      }
    }
  }

  private void wakeReactor() {
    synchronized (lock) {
      if (reactor != null) {
        reactor.wake();
      }
    }
  }

  /** Starts the reverse lookup of a hop's address; its completion wakes the reactor so the hop is emitted. */
  private CompletableFuture<Optional<String>> reverseName(InetAddress address) {
    CompletableFuture<Optional<String>> lookup = SystemResolver.reverse(address);
    lookup.whenComplete((n, t) -> wakeReactor());
    return lookup;
  }

  /** Reactor threads running now (for tests). */
  int runningReactors() {
    synchronized (lock) {
      return reactor == null ? 0 : 1;
    }
  }

  /** Why a probe socket could not be opened, as a failure value. */
  private static ProbeFailure openFailure(TracerouteSpec spec, Exception e) {
    if (e instanceof IcmpDeniedException) {
      IcmpDeniedException denied = (IcmpDeniedException) e;
      return denied.isPermission() ? ProbeFailure.of(FailureKind.PERMISSION_DENIED, denied.diagnosis()
          + " (UDP mode, the default, needs no privileges.)", e)
          : ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, e.getMessage(), e);
    }
    if (e instanceof ErrnoException && PermissionDiagnosis.isDenial(((ErrnoException) e).errno())) {
      String why = spec.mode() == TraceMode.TCP ? TraceSockets.TCP_NEEDS_RAW : TraceSockets.DUBLIN_NEEDS_RAW;
      return ProbeFailure.of(FailureKind.PERMISSION_DENIED, why + " (" + LibC.describe(((ErrnoException) e).errno())
          + ")", e);
    }
    return ProbeFailure.of(FailureKind.NETWORK_ERROR, "could not open a probe socket: " + e.getMessage(), e);
  }

  private static TracerouteResult failed(TracerouteSpec spec, Optional<InetAddress> address, ProbeFailure f, Instant started,
      Deadline deadline) {
    return new TracerouteResult(spec, address, Optional.empty(), List.of(), false, ID, started, deadline.elapsed(),
        Optional.of(f));
  }
}
