package io.netprobe.internal.dispatch;

import io.netprobe.grpc.GrpcHealthSpec;
import io.netprobe.internal.engine.AsyncResolver;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.policy.TcpConversationPolicy;
import io.netprobe.sockets.TcpConversationSpec;
import io.netprobe.spi.GrpcHealthBackend;
import io.netprobe.spi.TcpConversationBackend;
import io.netprobe.core.Deadline;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeSpec;
import io.netprobe.diagnose.DiagnosisSpec;
import io.netprobe.dns.DnsBatchSpec;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsTraceSpec;
import io.netprobe.dns.DnsValidationSpec;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepSpec;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.internal.dns.IterativeResolver;
import io.netprobe.internal.http.HttpProbePolicy;
import io.netprobe.internal.dns.RootHints;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.spi.Backend;
import io.netprobe.spi.DiagnosisEngine;
import io.netprobe.spi.DnsBackend;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.PingBackend;
import io.netprobe.spi.SocketTableBackend;
import io.netprobe.spi.TcpConnectBackend;
import io.netprobe.spi.TracerouteBackend;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import io.netprobe.spi.ProbeEngine;
import java.util.Objects;

/**
 * The one place where a probe's spec meets the backend that runs it: each spec type goes to one backend method,
 * an HTTP probe to the shared redirect policy over its backend, a diagnosis to the engine, and a {@code dig +trace}
 * to the iterative resolver, which asks its questions through the runner. Exceptions pass
 * through; the runner turns them into results. Immutable and thread-safe when the backends are.
 */
public final class BackendDispatch {

  /** Finds the backend for a contract ({@code ProbeClient::backend}); throws when there is none. */
  @FunctionalInterface
  public interface Backends {
    <B extends Backend> B get(Class<B> contract);
  }

  private final ProbeRunner runner;
  private final Backends backends;

  /**
   * @param runner runs the questions of probes made of other probes (a trace's)
   * @param backends the backends to run specs with
   */
  public BackendDispatch(ProbeRunner runner, Backends backends) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.backends = Objects.requireNonNull(backends, "backends");
  }

  /**
   * Runs {@code spec} with its backend under {@code deadline}.
   *
   * @throws IllegalArgumentException for a spec type no backend runs
   */
  public <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline) {
    return result(spec, dispatch(spec, deadline));
  }

  /**
   * Starts {@code spec} with its backend's asynchronous method on {@code engine}. Probes made of other probes (a
   * diagnosis, a {@code dig +trace}) wait for their parts, so they run on {@code waiting}, never on the engine.
   *
   * @throws IllegalArgumentException for a spec type no backend runs
   */
  public <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline,
      ProbeEngine engine, Executor waiting) {
    if (waitsForOtherProbes(spec)) {
      return CompletableFuture.supplyAsync(() -> run(spec, deadline), waiting);
    }
    // The backend's own future: cancelling it closes the probe's socket, and a backend completes a cancelled probe
    // only once its socket's fd is free, so the in-flight bound hands the probe's slot on then, not before. Each
    // spec type fixes its backend's result type, so no mapping (and no second future per probe) is needed.
    return future(spec, dispatchAsync(spec, deadline, engine));
  }

  private CompletableFuture<?> dispatchAsync(ProbeSpec<?> spec, Deadline deadline, ProbeEngine engine) {
    if (spec instanceof DnsSpec q) {
      return backends.get(DnsBackend.class).queryAsync(q, deadline, engine);
    } else if (spec instanceof DnsBatchSpec b) {
      return backends.get(DnsBackend.class).queryBatchAsync(b, deadline, engine);
    } else if (spec instanceof DnsValidationSpec v) {
      return backends.get(DnsBackend.class).validateAsync(v, deadline, engine);
    } else if (spec instanceof TcpConnectSpec c) {
      return PreferredConnect.connectAsync(backends.get(TcpConnectBackend.class), c, deadline, engine,
          (host, d) -> AsyncResolver.resolve(host, d, engine));
    } else if (spec instanceof ListeningSocketsSpec l) {
      return backends.get(SocketTableBackend.class).listeningAsync(l, deadline, engine);
    } else if (spec instanceof PingSpec p) {
      return backends.get(PingBackend.class).pingAsync(p, deadline, engine);
    } else if (spec instanceof PingSweepSpec s) {
      return backends.get(PingBackend.class).sweepAsync(s, deadline, engine);
    } else if (spec instanceof TracerouteSpec t) {
      return backends.get(TracerouteBackend.class).traceAsync(t, deadline, engine);
    } else if (spec instanceof HttpProbeSpec h) {
      return HttpProbePolicy.runAsync(backends.get(HttpBackend.class), h, deadline, engine);
    } else if (spec instanceof TcpConversationSpec t) {
      TcpConversationBackend backend = backends.get(TcpConversationBackend.class);
      // a conversation's transport blocks (line reads, TLS handshakes), so it takes a thread of its own set
      return CompletableFuture.supplyAsync(() -> conversation(backend, t, deadline), ConversationCalls.shared());
    } else if (spec instanceof GrpcHealthSpec g) {
      return PreferredGrpc.checkAsync(backends.get(GrpcHealthBackend.class), g, deadline, engine,
          (host, d) -> AsyncResolver.resolve(host, d, engine));
    }
    throw unknown(spec);
  }

  private Object dispatch(ProbeSpec<?> spec, Deadline deadline) {
    if (spec instanceof DnsSpec q) {
      return backends.get(DnsBackend.class).query(q, deadline);
    } else if (spec instanceof DnsBatchSpec b) {
      return backends.get(DnsBackend.class).queryBatch(b, deadline);
    } else if (spec instanceof DnsValidationSpec v) {
      return backends.get(DnsBackend.class).validate(v, deadline);
    } else if (spec instanceof DnsTraceSpec t) {
      return trace(t, deadline);
    } else if (spec instanceof TcpConnectSpec c) {
      return PreferredConnect.connect(backends.get(TcpConnectBackend.class), c, deadline);
    } else if (spec instanceof TcpConversationSpec t) {
      return TcpConversationPolicy.run(backends.get(TcpConversationBackend.class), t, deadline,
          SystemResolver::resolve);
    } else if (spec instanceof GrpcHealthSpec g) {
      return PreferredGrpc.check(backends.get(GrpcHealthBackend.class), g, deadline);
    } else if (spec instanceof ListeningSocketsSpec l) {
      return backends.get(SocketTableBackend.class).listening(l, deadline);
    } else if (spec instanceof PingSpec p) {
      return backends.get(PingBackend.class).ping(p, deadline);
    } else if (spec instanceof PingSweepSpec s) {
      return backends.get(PingBackend.class).sweep(s, deadline);
    } else if (spec instanceof TracerouteSpec t) {
      return backends.get(TracerouteBackend.class).trace(t, deadline);
    } else if (spec instanceof HttpProbeSpec h) {
      return HttpProbePolicy.run(backends.get(HttpBackend.class), h, deadline);
    } else if (spec instanceof DiagnosisSpec d) {
      return backends.get(DiagnosisEngine.class).diagnose(d, runner);
    }
    throw unknown(spec);
  }

  /** Whether {@code spec} is made of other probes and so waits for them (a diagnosis, a {@code dig +trace}). */
  public boolean waitsForOtherProbes(ProbeSpec<?> spec) {
    return spec.waitsForOtherProbes() || spec instanceof DnsTraceSpec;
  }

  /**
   * Finds the backend {@code spec} needs, so that asynchronous probes report a missing one at once.
   *
   * @throws IllegalStateException when no backend for it is on the class path
   */
  public void requireBackend(ProbeSpec<?> spec) {
    backends.get(contractOf(spec));
  }

  private static Class<? extends Backend> contractOf(ProbeSpec<?> spec) {
    if (spec instanceof DnsSpec || spec instanceof DnsBatchSpec || spec instanceof DnsValidationSpec
        || spec instanceof DnsTraceSpec) {
      return DnsBackend.class;
    } else if (spec instanceof TcpConnectSpec) {
      return TcpConnectBackend.class;
    } else if (spec instanceof TcpConversationSpec) {
      return TcpConversationBackend.class;
    } else if (spec instanceof GrpcHealthSpec) {
      return GrpcHealthBackend.class;
    } else if (spec instanceof ListeningSocketsSpec) {
      return SocketTableBackend.class;
    } else if (spec instanceof PingSpec || spec instanceof PingSweepSpec) {
      return PingBackend.class;
    } else if (spec instanceof TracerouteSpec) {
      return TracerouteBackend.class;
    } else if (spec instanceof HttpProbeSpec) {
      return HttpBackend.class;
    } else if (spec instanceof DiagnosisSpec) {
      return DiagnosisEngine.class;
    }
    throw unknown(spec);
  }

  private static IllegalArgumentException unknown(ProbeSpec<?> spec) {
    return new IllegalArgumentException("no netprobe backend runs a " + spec.getClass().getName()
        + "; a spec must be one of the types netprobe's requests make");
  }

  private Object trace(DnsTraceSpec spec, Deadline deadline) {
    Instant started = Instant.now();
    // asked first so a missing DNS backend fails the trace at once instead of each of its questions
    backends.get(DnsBackend.class);
    List<InetAddress> roots = spec.rootServers().isEmpty() ? RootHints.addresses() : spec.rootServers();
    return new IterativeResolver(runner, spec.query(), spec.port(), deadline).trace(roots, started);
  }

  private static Object conversation(TcpConversationBackend backend, TcpConversationSpec spec, Deadline deadline) {
    return TcpConversationPolicy.run(backend, spec, deadline, SystemResolver::resolve);
  }

  /** As {@link #result}, for the backend's future. */
  @SuppressWarnings("unchecked")
  private static <R extends ProbeResult> CompletableFuture<R> future(ProbeSpec<R> spec, CompletableFuture<?> f) {
    return (CompletableFuture<R>) f;
  }

  /** Each spec type fixes its result type ({@code DnsSpec implements ProbeSpec<DnsResult>}), so the cast holds. */
  @SuppressWarnings("unchecked")
  private static <R extends ProbeResult> R result(ProbeSpec<R> spec, Object result) {
    return (R) result;
  }
}
