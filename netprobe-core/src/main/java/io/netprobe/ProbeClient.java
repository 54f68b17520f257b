package io.netprobe;

import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeSpec;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.Host;
import io.netprobe.core.Deadline;
import io.netprobe.diagnose.DiagnosisRequest;
import io.netprobe.dns.DnsBatchRequest;
import io.netprobe.dns.DnsRequest;
import io.netprobe.http.HttpProbeRequest;
import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingSweepRequest;
import io.netprobe.icmp.MtrRequest;
import io.netprobe.icmp.TracerouteRequest;
import io.netprobe.internal.dispatch.BackendSelector;
import io.netprobe.internal.DefaultExecutor;
import io.netprobe.internal.dispatch.ProbeExecution;
import io.netprobe.internal.dispatch.DispatchedProbe;
import io.netprobe.internal.dispatch.InFlight;
import io.netprobe.internal.engine.DefaultLimits;
import io.netprobe.internal.Validate;
import io.netprobe.internal.dispatch.BackendDispatch;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.TcpConnectRequest;
import io.netprobe.spi.Backend;
import io.netprobe.spi.Capability;
import io.netprobe.spi.ProbeEngine;
import io.netprobe.internal.engine.LazyEngine;
import javax.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * A configured set of probes: default timeout, executor for {@code runAsync()}, and optionally explicit backends.
 * {@link Probes} offers the same entry points over a default instance; build your own with {@link Probes#builder()}
 * when you need other defaults or fake backends in tests.
 *
 * <pre>{@code
 * ProbeClient probes = Probes.builder().timeout(Duration.ofSeconds(2)).build();
 * DnsResult r = probes.dns("quizai.juwonpark.me").run();
 * }</pre>
 *
 * <p>A client owns an engine ({@link ProbeEngine}: a deadline timer, a selector loop, bounded executors) shared by
 * all its probes, started lazily with daemon threads, and the backends ServiceLoader found for it; {@link #close()}
 * releases both.
 *
 * <p>Thread-safe; share one instance. The builder is not thread-safe.
 */
public final class ProbeClient implements ProbeRunner, AutoCloseable {
  /** The default timeout of every probe unless the client or the request says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private final Duration timeout;
  private final Executor executor;
  private final @Nullable Executor completions;
  private final int blockingThreads;
  private final int ioThreads;
  private final InFlight inFlight;
  private final LazyEngine engine;
  private final Map<Capability, Backend> explicit;
  private final Map<Capability, Backend> selected = new ConcurrentHashMap<>();
  private final BackendDispatch dispatch = new BackendDispatch(this, this::backend);

  private ProbeClient(Builder b) {
    this.timeout = b.timeout;
    this.executor = b.executor == null ? DefaultExecutor.get() : b.executor;
    this.completions = b.executor;
    this.blockingThreads = b.blockingThreads;
    this.ioThreads = b.ioThreads;
    this.inFlight = new InFlight(b.maxInFlight);
    this.engine = new LazyEngine(ioThreads, blockingThreads, completions);
    this.explicit = new EnumMap<>(Capability.class);
    this.explicit.putAll(b.backends);
  }

  /** A new builder with netprobe's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this client's settings. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.timeout = timeout;
    b.executor = completions;
    b.blockingThreads = blockingThreads;
    b.ioThreads = ioThreads;
    b.maxInFlight = inFlight.max();
    b.backends.putAll(explicit);
    return b;
  }

  /** The default deadline of probes made by this client. */
  @Override
  public Duration timeout() {
    return timeout;
  }

  /**
   * The executor on which {@code runAsync()} futures complete when one was given to the builder, and which probes
   * made of other probes use for their own blocking work.
   */
  @Override
  public Executor executor() {
    return executor;
  }

  /**
   * The backend this client uses for a capability, chosen as described in {@link Backend} and then kept.
   *
   * @throws IllegalStateException when no backend for it is on the class path; the message names the artifact to add
   */
  public <B extends Backend> B backend(Class<B> type) {
    Capability capability = Capability.of(type);
    Backend chosen = selected.computeIfAbsent(capability,
        c -> BackendSelector.select(c, type, explicit.get(c)));
    return type.cast(chosen);
  }

  /**
   * Runs {@code spec} with this client's backend for it. A missing backend, a backend that throws and an expired
   * deadline come back as failures inside the result ({@link ProbeSpec#failed}).
   *
   * @throws IllegalArgumentException for a spec type no backend runs, or a backend's own programmer-error verdict
   */
  @Override
  public <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline) {
    Objects.requireNonNull(spec, "spec");
    if (dispatch.waitsForOtherProbes(spec)) {
      // it waits for its parts anyway, so it runs on the caller's thread instead of taking one more
      Instant started = Instant.now();
      return ProbeExecution.call(() -> dispatch.run(spec, deadline),
          f -> spec.failed(f, started, deadline.elapsed()));
    }
    return ProbeExecution.join(runAsync(spec, deadline));
  }

  /**
   * Starts {@code spec} on this client's engine. The future completes by the deadline (plus a short grace) on the
   * completion executor; cancelling it closes the probe's socket.
   */
  @Override
  public <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline) {
    Objects.requireNonNull(spec, "spec");
    dispatch.requireBackend(spec);
    return inFlight.submit(new DispatchedProbe<>(dispatch, spec, deadline, engine.get()));
  }

  /**
   * Closes this client: completes probes still in flight (or waiting to start) with CANCELLED and closes their
   * sockets, stops its engine's threads, and closes the backends ServiceLoader chose for it (not those given to the
   * builder). Probes started afterwards throw {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    if (!engine.markClosed()) {
      return;
    }
    inFlight.closeAll("the ProbeClient was closed while the probe was in flight");
    for (Map.Entry<Capability, Backend> chosen : selected.entrySet()) {
      if (explicit.get(chosen.getKey()) != chosen.getValue()) {
        chosen.getValue().close();
      }
    }
    engine.close();
  }

  // ---- entry points: the seed's commands -------------------------------------------------------------------

  /**
   * A DNS lookup like {@code dig name}: A records from the system's resolvers unless the request says otherwise.
   * An IP literal asks for its PTR record, like {@code dig -x}.
   *
   * @throws IllegalArgumentException when {@code name} is not a valid DNS name or IP literal
   */
  public DnsRequest dns(String name) {
    return DnsRequest.create(this, name);
  }

  /**
   * Many DNS lookups at once, with bounded in-flight queries; results in input order, each with its own outcome.
   * IP literals ask for their PTR record.
   *
   * @throws IllegalArgumentException naming the first invalid name and its position
   */
  public DnsBatchRequest dnsBatch(Collection<String> names) {
    return DnsBatchRequest.create(this, names);
  }

  /**
   * An HTTP probe like {@code curl -I url}. A URL without a scheme gets {@code https://}.
   *
   * @throws IllegalArgumentException when {@code url} is not an http(s) URL with a valid host and port
   */
  public HttpProbeRequest http(String url) {
    return HttpProbeRequest.create(this, url);
  }

  /** The sockets this machine listens on, like {@code ss -tulnp}. */
  public ListeningSocketsRequest listeningSockets() {
    return ListeningSocketsRequest.create(this);
  }

  /**
   * A TCP connect to {@code host:port}: can the port be reached from here?
   *
   * @throws IllegalArgumentException for an invalid host or a port outside 1–65535
   */
  public TcpConnectRequest tcp(String host, int port) {
    return TcpConnectRequest.create(this, Host.of(host), Validate.port(port));
  }

  /**
   * A TCP conversation with {@code host:port}: send, expect (regular expressions with captures), STARTTLS or TLS on
   * connect, like blackbox_exporter's {@code query_response}.
   *
   * @throws IllegalArgumentException for an invalid host or a port outside 1–65535
   */
  public io.netprobe.sockets.TcpConversationRequest tcpConversation(String host, int port) {
    return io.netprobe.sockets.TcpConversationRequest.create(this, Host.of(host), Validate.port(port));
  }

  /**
   * A gRPC health check ({@code grpc.health.v1.Health/Check}) of {@code host:port}; needs netprobe-grpc.
   *
   * @throws IllegalArgumentException for an invalid host or a port outside 1–65535
   */
  public io.netprobe.grpc.GrpcHealthRequest grpcHealth(String host, int port) {
    return io.netprobe.grpc.GrpcHealthRequest.create(this, Host.of(host), Validate.port(port));
  }

  /**
   * An ICMP echo like {@code ping -c 4 host}.
   *
   * @throws IllegalArgumentException for an invalid host
   */
  public PingRequest ping(String host) {
    return PingRequest.create(this, Host.of(host));
  }

  /**
   * ICMP echoes to many hosts at once, like {@code fping host...}: one socket per address family, one result per
   * host. Duplicate hosts are pinged once.
   *
   * @throws IllegalArgumentException when {@code hosts} is empty or holds an invalid host
   */
  public PingSweepRequest pingAll(Collection<String> hosts) {
    return PingSweepRequest.create(this, hosts);
  }

  /** See {@link #pingAll(Collection)}. */
  public PingSweepRequest pingAll(String first, String... more) {
    List<String> hosts = new ArrayList<>(1 + more.length);
    hosts.add(first);
    hosts.addAll(Arrays.asList(more));
    return PingSweepRequest.create(this, hosts);
  }

  /**
   * A route trace like {@code traceroute host}.
   *
   * @throws IllegalArgumentException for an invalid host
   */
  public TracerouteRequest traceroute(String host) {
    return TracerouteRequest.create(this, Host.of(host));
  }

  /**
   * mtr: traces {@code host} cycle after cycle and keeps per-hop loss and RTT statistics, like {@code mtr -r}.
   *
   * @throws IllegalArgumentException for an invalid host
   */
  public MtrRequest mtr(String host) {
    return MtrRequest.create(this, Host.of(host));
  }

  /**
   * The outage checklist for a URL as one call: network, DNS, HTTP (edge and origin) and local ports, judged into
   * a verdict naming the first failing layer. A URL without a scheme gets {@code https://}.
   *
   * @throws IllegalArgumentException when {@code url} is not an http(s) URL with a valid host and port
   */
  public DiagnosisRequest diagnose(String url) {
    return DiagnosisRequest.create(this, url);
  }

  @Override
  public String toString() {
    return "ProbeClient[timeout=" + timeout + ", backends=" + explicit.keySet() + "]";
  }

  /** Builds a {@link ProbeClient}. Not thread-safe. */
  public static final class Builder {
    private Duration timeout = DEFAULT_TIMEOUT;
    private @Nullable Executor executor;
    private int blockingThreads = 16;
    private int ioThreads = 1;
    private int maxInFlight = DefaultLimits.maxInFlight();
    private final Map<Capability, Backend> backends = new EnumMap<>(Capability.class);

    private Builder() {}

    /** The default deadline of every probe; requests may override it. Positive, at most one hour. */
    public Builder timeout(Duration timeout) {
      this.timeout = Validate.timeout(timeout);
      return this;
    }

    /**
     * The executor on which {@code runAsync()} futures complete, so continuations run there. Default: a small pool
     * of the client's own daemon threads.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Uses this backend for its capability instead of the one ServiceLoader would choose. A backend implementing
     * several capability interfaces is used for all of them.
     */
    public Builder backend(Backend backend) {
      Objects.requireNonNull(backend, "backend");
      boolean any = false;
      for (Capability c : Capability.values()) {
        if (c.contract().isInstance(backend)) {
          backends.put(c, backend);
          any = true;
        }
      }
      if (!any) {
        throw new IllegalArgumentException(backend.getClass().getName() + " implements no netprobe backend contract");
      }
      return this;
    }

    /** Removes an explicit backend for a capability, returning to the default selection. */
    public Builder defaultBackend(Capability capability) {
      backends.remove(capability);
      return this;
    }

    /**
     * The most threads this client lets block at once in library calls that have no asynchronous form (backends
     * not yet built on the engine, socket-table reads); work beyond it queues and still keeps its deadline.
     * Default 16.
     */
    public Builder blockingThreads(int threads) {
      if (threads < 1 || threads > 4096) {
        throw new IllegalArgumentException("blockingThreads must be 1–4096, got " + threads);
      }
      this.blockingThreads = threads;
      return this;
    }

    /**
     * How many selector-loop threads serve this client's sockets; probes are spread over them in turn. Default 1,
     * which serves tens of thousands of sockets; more help only with more cores.
     */
    public Builder ioThreads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("ioThreads must be 1–64, got " + threads);
      }
      this.ioThreads = threads;
      return this;
    }

    /**
     * The most probes of this client whose backends run at once (each holds a socket or a query slot). Probes
     * beyond it wait in memory, without a thread, and start as others complete; one still waiting at its deadline
     * completes with a TIMEOUT saying it never started. Default: 10,000, or less when the process may open fewer
     * than about 11,000 files.
     */
    public Builder maxInFlight(int probes) {
      if (probes < 1) {
        throw new IllegalArgumentException("maxInFlight must be at least 1, got " + probes);
      }
      this.maxInFlight = probes;
      return this;
    }

    public ProbeClient build() {
      return new ProbeClient(this);
    }
  }
}
