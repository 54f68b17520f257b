package io.netprobe.dns.internal;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeFailure;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.core.Host;
import io.netprobe.dns.DnsBatchSpec;
import io.netprobe.dns.DnsEncryption;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.DnsValidationSpec;
import io.netprobe.dns.RecordType;
import io.netprobe.internal.engine.DefaultProbeEngine;
import io.netprobe.spi.DnsBackend;
import io.netprobe.spi.ProbeEngine;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.xbill.DNS.Rcode;

/**
 * The default DNS backend: dnsjava encodes and decodes messages, netprobe owns the exchange — UDP retransmissions
 * within the deadline, TCP on truncation, the next server on silence, SERVFAIL or REFUSED — so the deadline holds
 * whatever the servers do. Without explicit servers it asks those in {@code /etc/resolv.conf}. Every lookup, batch
 * and fan-out runs on the engine's loop ({@link AsyncQuery}, {@link AsyncBatch}) over one {@link UdpMux} per engine:
 * a few UDP sockets per server shared by all callers. The synchronous methods run on an engine of the backend's own,
 * closed with it. DNSSEC validation stays a blocking call on the engine's blocking executor ({@link Validator}).
 *
 * <p>Thread-safe; one instance serves any number of clients and callers.
 */
public final class DnsjavaBackend implements DnsBackend {
  public static final String ID = "dnsjava";

  /** How long a synchronous caller waits beyond the deadline before giving up on a future the engine lost. */
  private static final Duration JOIN_SLACK = Duration.ofSeconds(1);

  private final Path resolvConf;
  private final Map<ProbeEngine, UdpMux> muxes = new ConcurrentHashMap<>();
  private final LiveLookups inFlight = new LiveLookups();
  private final EncryptedTransport encrypted = new EncryptedTransport();
  private @Nullable ProbeEngine ownEngine;
  private boolean closed;

  /** A backend that reads the system's servers from {@code /etc/resolv.conf}. */
  static {
    warmUp();
  }

  public DnsjavaBackend() {
    this(ResolvConf.DEFAULT);
  }

  /**
   * Loads and initialises what a timed-out query needs once its deadline has passed (the failure, its redacted
   * message, the result builder), so that the first query of a JVM does not do it after the deadline: that cost up
   * to 120 ms past a 500 ms timeout.
   */
  private static void warmUp() {
    DnsSpec spec = DnsSpec.of("warm-up.invalid", "warm-up.invalid", RecordType.A, Duration.ofSeconds(1));
    InetSocketAddress server = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 53);
    ProbeFailure failure = ProbeFailure.of(FailureKind.TIMEOUT, "no answer from " + Endpoints.describe(server)
        + " (https://warm-up.invalid/?token=x)");
    Results.silent(spec, new Exchange.NoAnswer(server, failure, 1), 1, Instant.now(), Duration.ZERO).toString();
    String.join("; ", List.of(failure.message(), Rcode.string(Rcode.SERVFAIL)));
  }

  /** A backend that reads the default servers from this resolv.conf-style file. */
  public DnsjavaBackend(Path resolvConf) {
    this.resolvConf = resolvConf;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  /**
   * The lookup on this backend's own engine, for callers without a client: {@link #queryAsync} joined.
   */
  @Override
  public DnsResult query(DnsSpec query, Deadline deadline) {
    return join(queryAsync(query, deadline, ownEngine()), deadline,
        f -> DnsResult.builder(query).backend(ID).started(Instant.now()).failure(f).elapsed(deadline.elapsed())
            .build());
  }

  @Override
  public CompletableFuture<DnsResult> queryAsync(DnsSpec query, Deadline deadline, ProbeEngine engine) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime() - deadline.elapsed().toNanos();
    ProbeFailure badSource = SourceAddress.check(query.source().orElse(null));
    if (badSource != null) {
      return CompletableFuture.completedFuture(DnsResult.builder(query).backend(ID).started(started)
          .failure(badSource).elapsed(deadline.elapsed()).build());
    }
    LookupFuture<DnsResult> future = new LookupFuture<>(inFlight);
    withServers(namedServers(query), deadline, engine, list -> {
      if (list.servers().isEmpty()) {
        future.complete(DnsResult.builder(query).backend(ID).started(started).failure(list.failure())
            .elapsed(deadline.elapsed()).build());
        return;
      }
      UdpMux m = mux(engine);
      AsyncQuery q = new AsyncQuery(m, encrypted, query, list.servers(), deadline, started, startNanos, future);
      future.track(q, m);
      q.start();
    }, future);
    return future;
  }

  /**
   * The servers a query names, with the encrypted transports' ports (853, 443) where the request left DNS's 53; for
   * DNS over HTTPS to a URI, the URI's host and port.
   */
  private static List<InetSocketAddress> namedServers(DnsSpec query) {
    if (query.encryption().isEmpty()) {
      return query.servers();
    }
    DnsEncryption e = query.encryption().get();
    if (e.uri().isPresent() && query.servers().isEmpty()) {
      URI u = e.uri().get();
      int port = u.getPort() < 0 ? 443 : u.getPort();
      return List.of(Host.of(u.getHost()).literal().map(a -> new InetSocketAddress(a, port))
          .orElseGet(() -> InetSocketAddress.createUnresolved(u.getHost(), port)));
    }
    return query.servers().stream().map(s -> s.getPort() != 53 ? s : s.isUnresolved()
        ? InetSocketAddress.createUnresolved(s.getHostString(), e.defaultPort())
        : new InetSocketAddress(s.getAddress(), e.defaultPort())).toList();
  }

  /**
   * Runs {@code then} with the servers: at once when they are addresses or come from resolv.conf, after resolving
   * them on the blocking executor when some are host names.
   */
  private void withServers(List<InetSocketAddress> named, Deadline deadline, ProbeEngine engine,
      Consumer<ServerList> then, CompletableFuture<?> future) {
    boolean resolved = true;
    for (InetSocketAddress s : named) {
      resolved &= !s.isUnresolved();
    }
    if (resolved) {
      then.accept(ServerList.of(named, resolvConf, deadline));
      return;
    }
    CompletableFuture.supplyAsync(() -> ServerList.of(named, resolvConf, deadline), engine.blocking())
        .whenComplete((list, e) -> {
          if (e != null) {
            future.completeExceptionally(e);
          } else if (!future.isDone()) {
            then.accept(list);
          }
        });
  }

  private UdpMux mux(ProbeEngine engine) {
    UdpMux m = muxes.get(engine);
    if (m != null) {
      return m;
    }
    muxes.entrySet().removeIf(e -> e.getKey().isClosed());
    return muxes.computeIfAbsent(engine, UdpMux::new);
  }

  private ProbeEngine ownEngine() {
    synchronized (muxes) {
      if (closed) {
        throw new IllegalStateException("the DNS backend is closed");
      }
      if (ownEngine == null) {
        ownEngine = new DefaultProbeEngine(4, null);
      }
      return ownEngine;
    }
  }

  /** Waits for a future this backend completes by the deadline; a little longer only if the engine was closed. */
  private static <R> R join(CompletableFuture<R> future, Deadline deadline, Function<ProbeFailure, R> onFailure) {
    try {
      return future.get(deadline.remainingNanos() + JOIN_SLACK.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      return onFailure.apply(ProbeFailure.of(FailureKind.CANCELLED, "interrupted", e));
    } catch (TimeoutException e) {
      future.cancel(true);
      return onFailure.apply(ProbeFailure.of(FailureKind.TIMEOUT, "no result by the deadline"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      return onFailure.apply(ProbeFailure.of(FailureKind.INTERNAL_ERROR, "the lookup failed: " + cause, cause));
    }
  }

  @Override
  public void close() {
    ProbeEngine own;
    synchronized (muxes) {
      closed = true;
      own = ownEngine;
      ownEngine = null;
    }
    inFlight.snapshot().forEach(LookupFuture::backendClosed);
    muxes.values().forEach(UdpMux::close);
    encrypted.close();
    muxes.clear();
    if (own instanceof DefaultProbeEngine d) {
      d.close();
    }
  }

  @Override
  public DnsValidationResult validate(DnsValidationSpec query, Deadline deadline) {
    DnsSpec q = query.query();
    Optional<DnsEncryption> tls = q.encryption().filter(e -> e.protocol() == DnsEncryption.Protocol.TLS);
    if (q.encryption().isPresent() && tls.isEmpty() || q.source().isPresent() && tls.isEmpty()) {
      // the validator's plain lookups go from the system's address; saying so beats ignoring the option
      return Validator.failed(q, ProbeFailure.of(FailureKind.UNSUPPORTED_PLATFORM, "DNSSEC validation over "
          + "HTTPS, or over plain DNS from a chosen source address, is not supported yet"), Instant.now(), deadline);
    }
    // over TLS every lookup of the validator (DNSKEY, DS, the answer) goes through the kept DoT connections
    ExchangeResolver.Sender sender = tls.isEmpty() ? null : (server, wire, d) -> encrypted.tlsBlocking(server,
        q.source().orElse(null), wire, tls.get(), d, ownEngine().blocking());
    return Validator.validate(query, deadline, resolvConf, sender);
  }

  @Override
  public DnsBatchResult queryBatch(DnsBatchSpec batch, Deadline deadline) {
    return join(queryBatchAsync(batch, deadline, ownEngine()), deadline,
        f -> batch.failed(f, Instant.now(), deadline.elapsed()));
  }

  @Override
  public CompletableFuture<DnsBatchResult> queryBatchAsync(DnsBatchSpec batch, Deadline deadline,
      ProbeEngine engine) {
    Instant started = Instant.now();
    LookupFuture<DnsBatchResult> future = new LookupFuture<>(inFlight);
    List<InetSocketAddress> named = batch.queries().isEmpty() ? List.of() : namedServers(batch.queries().get(0));
    withServers(named, deadline, engine, list -> {
      if (list.servers().isEmpty()) {
        ProbeFailure f = list.failure();
        List<DnsResult> each = batch.queries().stream().map(q -> DnsResult.builder(q).backend(ID)
            .started(started).failure(f).elapsed(deadline.elapsed()).build()).toList();
        future.complete(new DnsBatchResult(each, ID, started, deadline.elapsed(),
            batch.queries().isEmpty() ? Optional.empty() : Optional.of(f)));
        return;
      }
      AsyncBatch b = new AsyncBatch(mux(engine), encrypted, batch, list.servers(), deadline, started, future::finish);
      future.track(b, null);
      b.start();
    }, future);
    return future;
  }
}
