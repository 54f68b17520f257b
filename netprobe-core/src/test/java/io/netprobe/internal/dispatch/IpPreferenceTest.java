package io.netprobe.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.core.IpPreference;
import io.netprobe.core.IpProtocol;
import io.netprobe.core.ProbeFailure;
import io.netprobe.grpc.GrpcHealthResult;
import io.netprobe.grpc.GrpcHealthSpec;
import io.netprobe.grpc.GrpcServingStatus;
import io.netprobe.http.HttpHeaders;
import io.netprobe.http.HttpProbeResult;
import io.netprobe.http.HttpProbeSpec;
import io.netprobe.http.HttpVersion;
import io.netprobe.http.PhaseTimings;
import io.netprobe.http.TlsImplementation;
import io.netprobe.internal.PreferredAddress;
import io.netprobe.internal.SystemResolver;
import io.netprobe.internal.engine.DefaultProbeEngine;
import io.netprobe.internal.http.HttpProbePolicy;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.spi.GrpcHealthBackend;
import io.netprobe.spi.HttpBackend;
import io.netprobe.spi.HttpExchange;
import io.netprobe.spi.HttpExchangeRequest;
import io.netprobe.spi.ProbeEngine;
import io.netprobe.spi.TcpConnectBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * preferred_ip_protocol and ip_protocol_fallback with a fake resolver: names with only A, only AAAA, or both, for
 * TCP connects and HTTP probes.
 */
class IpPreferenceTest {
  private static final InetAddress V4A = ip("192.0.2.10");
  private static final InetAddress V4B = ip("192.0.2.11");
  private static final InetAddress V6A = ip("2001:db8::10");
  private static final InetAddress V6B = ip("2001:db8::11");
  /** only-a.test has A records only, only-aaaa.test AAAA only, both.test both (in resolver order). */
  private static final Map<String, List<InetAddress>> ZONE = Map.of("only-a.test", List.of(V4A, V4B),
      "only-aaaa.test", List.of(V6A, V6B), "both.test", List.of(V4A, V6A, V4B, V6B));
  private static final PreferredAddress.Resolver FAKE = (host, deadline) -> {
    List<InetAddress> found = ZONE.get(host.ascii());
    return found == null ? new SystemResolver.Resolution(List.of(), ProbeFailure.of(FailureKind.NAME_NOT_FOUND,
        host.ascii())) : new SystemResolver.Resolution(found, null);
  };

  private static InetAddress ip(String text) {
    return Host.of(text).literal().orElseThrow();
  }

  @Test
  void blackboxSemantics() {
    List<InetAddress> both = ZONE.get("both.test");
    assertThat(IpPreference.prefer(IpProtocol.IP6).choose(both)).contains(V6A);
    assertThat(IpPreference.prefer(IpProtocol.IP4).choose(both)).contains(V4A);
    // no address of the preferred family: the LAST of the other one, as blackbox_exporter does
    assertThat(IpPreference.prefer(IpProtocol.IP6).choose(ZONE.get("only-a.test"))).contains(V4B);
    assertThat(IpPreference.prefer(IpProtocol.IP4).choose(ZONE.get("only-aaaa.test"))).contains(V6B);
    assertThat(IpPreference.only(IpProtocol.IP6).choose(ZONE.get("only-a.test"))).isEmpty();
    assertThat(IpProtocol.parse("ip6")).isEqualTo(IpProtocol.IP6);
  }

  /** Connects to whatever literal it is given and records it. */
  private static final class RecordingConnect implements TcpConnectBackend {
    final List<String> hosts = new ArrayList<>();

    @Override
    public String id() {
      return "recording";
    }

    @Override
    public TcpConnectResult connect(TcpConnectSpec query, Deadline deadline) {
      hosts.add(query.host().ascii());
      InetAddress a = query.host().literal().orElseThrow();
      return TcpConnectResult.connected(query, List.of(a), a, new InetSocketAddress(a, 40000), Duration.ZERO,
          Duration.ofMillis(1), id(), Instant.now(), Duration.ofMillis(1));
    }
  }

  @Test
  void tcpConnectsToTheChosenAddressAndReportsTheAskedSpec() {
    RecordingConnect backend = new RecordingConnect();
    TcpConnectSpec spec = new TcpConnectSpec(Host.of("only-a.test"), 443, Duration.ofSeconds(1),
        Optional.of(IpPreference.prefer(IpProtocol.IP6)));
    TcpConnectResult r = PreferredConnect.connect(backend, spec, Deadline.after(Duration.ofSeconds(1)), FAKE);
    assertThat(backend.hosts).containsExactly("192.0.2.11");
    assertThat(r.query()).isEqualTo(spec);
    assertThat(r.addresses()).containsExactly(V4A, V4B);
    assertThat(r.isSuccess()).isTrue();

    TcpConnectResult none = PreferredConnect.connect(backend, spec.withIpPreference(
        Optional.of(IpPreference.only(IpProtocol.IP6))), Deadline.after(Duration.ofSeconds(1)), FAKE);
    assertThat(none.failure().get().kind()).isEqualTo(FailureKind.NAME_NOT_FOUND);
    assertThat(none.failure().get().message()).isEqualTo("only-a.test has no IPv6 address (no fallback to ip4; it "
        + "resolved to 2 other address(es))");
    assertThat(backend.hosts).hasSize(1);
  }

  @Test
  void httpPinsTheChosenAddressForTheBackend() {
    List<Map<String, List<InetAddress>>> pinned = new ArrayList<>();
    HttpBackend backend = new HttpBackend() {
      @Override
      public String id() {
        return "stub";
      }

      @Override
      public HttpExchange exchange(HttpExchangeRequest request, Deadline deadline) {
        pinned.add(request.options().resolve());
        return ok();
      }
    };
    HttpProbeSpec spec = new HttpProbeSpec(URI.create("http://only-aaaa.test/"), "HEAD", 0, false, Map.of(),
        List.of(), 1024, Duration.ofSeconds(1), TlsImplementation.AUTO);
    HttpProbeResult r = HttpProbePolicy.run(backend, spec.withOptions(spec.options().withIpPreference(
        Optional.of(IpPreference.prefer(IpProtocol.IP6)))), Deadline.after(Duration.ofSeconds(1)), FAKE);
    assertThat(r.isSuccess()).isTrue();
    assertThat(pinned).containsExactly(Map.of("only-aaaa.test", List.of(V6A)));

    HttpProbeResult none = HttpProbePolicy.run(backend, spec.withOptions(spec.options().withIpPreference(
        Optional.of(IpPreference.only(IpProtocol.IP4)))), Deadline.after(Duration.ofSeconds(1)), FAKE);
    assertThat(none.failure().get().kind()).isEqualTo(FailureKind.NAME_NOT_FOUND);
    assertThat(pinned).hasSize(1);
  }

  /** A 200 answer to any exchange. */
  private static HttpExchange ok() {
    Duration ms = Duration.ofMillis(1);
    return new HttpExchange.Response(200, "OK", HttpVersion.HTTP_1_1, HttpHeaders.empty(), Optional.empty(),
        new PhaseTimings(ms, ms, Optional.empty(), ms, ms, ms), Optional.empty());
  }

  /** A backend whose only connect is the asynchronous one; each connect waits until the test completes it. */
  private static final class PendingConnect implements TcpConnectBackend {
    final List<String> hosts = new ArrayList<>();
    final List<CompletableFuture<TcpConnectResult>> pending = new ArrayList<>();

    @Override
    public String id() {
      return "pending";
    }

    @Override
    public TcpConnectResult connect(TcpConnectSpec query, Deadline deadline) {
      throw new AssertionError("the blocking connect was used");
    }

    @Override
    public CompletableFuture<TcpConnectResult> connectAsync(TcpConnectSpec query, Deadline deadline,
        ProbeEngine engine) {
      hosts.add(query.host().ascii());
      CompletableFuture<TcpConnectResult> f = new CompletableFuture<>();
      pending.add(f);
      return f;
    }
  }

  /**
   * Without a thread waiting: the name is looked up by the lookup's future and the chosen address goes to the
   * backend's asynchronous connect (its blocking one is never used); cancelling during the lookup or the connect
   * cancels what is in progress, and the probe completes cancelled once the backend's connect has.
   */
  @Test
  void asyncTcpLooksTheNameUpAndConnectsWithoutAThread() throws Exception {
    TcpConnectSpec spec = new TcpConnectSpec(Host.of("only-a.test"), 443, Duration.ofSeconds(1),
        Optional.of(IpPreference.prefer(IpProtocol.IP6)));
    Deadline deadline = Deadline.after(Duration.ofSeconds(5));
    PendingConnect backend = new PendingConnect();
    try (DefaultProbeEngine engine = new DefaultProbeEngine(2, null)) {
      CompletableFuture<SystemResolver.Resolution> lookup = new CompletableFuture<>();
      CompletableFuture<TcpConnectResult> f = PreferredConnect.connectAsync(backend, spec, deadline, engine,
          (h, d) -> lookup);
      assertThat(f).isNotDone();
      assertThat(backend.hosts).isEmpty();
      lookup.complete(FAKE.resolve(spec.host(), deadline));
      assertThat(backend.hosts).containsExactly("192.0.2.11");
      InetAddress a = V4B;
      backend.pending.get(0).complete(TcpConnectResult.connected(spec.withHost(Host.of("192.0.2.11")), List.of(a),
          a, new InetSocketAddress(a, 40000), Duration.ZERO, Duration.ofMillis(1), "pending", Instant.now(),
          Duration.ofMillis(1)));
      TcpConnectResult r = f.get(5, TimeUnit.SECONDS);
      assertThat(r.query()).isEqualTo(spec);
      assertThat(r.addresses()).containsExactly(V4A, V4B);
      assertThat(r.isSuccess()).isTrue();

      CompletableFuture<TcpConnectResult> connecting = PreferredConnect.connectAsync(backend, spec, deadline,
          engine, (h, d) -> CompletableFuture.completedFuture(FAKE.resolve(h, d)));
      assertThat(backend.pending).hasSize(2);
      assertThat(connecting.cancel(true)).isTrue();
      assertThat(backend.pending.get(1)).isCancelled();
      assertThat(connecting).isCancelled();

      CompletableFuture<SystemResolver.Resolution> slow = new CompletableFuture<>();
      CompletableFuture<TcpConnectResult> looking = PreferredConnect.connectAsync(backend, spec, deadline, engine,
          (h, d) -> slow);
      assertThat(looking.cancel(true)).isTrue();
      assertThat(looking).isCancelled();
      slow.complete(FAKE.resolve(spec.host(), deadline));
      assertThat(backend.hosts).as("no connect after a cancelled lookup").hasSize(2);

      TcpConnectResult none = PreferredConnect.connectAsync(backend, spec.withIpPreference(
          Optional.of(IpPreference.only(IpProtocol.IP6))), deadline, engine,
          (h, d) -> CompletableFuture.completedFuture(FAKE.resolve(h, d))).get(5, TimeUnit.SECONDS);
      assertThat(none.failure().get().kind()).isEqualTo(FailureKind.NAME_NOT_FOUND);
      assertThat(backend.hosts).hasSize(2);
    }
  }

  /**
   * HTTP's asynchronous path looks the name up by the lookup's future and pins the chosen address for the backend's
   * asynchronous exchange; its blocking exchange is never used.
   */
  @Test
  void asyncHttpPinsTheChosenAddressWithoutAThread() throws Exception {
    List<Map<String, List<InetAddress>>> pinned = new ArrayList<>();
    HttpBackend backend = new HttpBackend() {
      @Override
      public String id() {
        return "stub";
      }

      @Override
      public HttpExchange exchange(HttpExchangeRequest request, Deadline deadline) {
        throw new AssertionError("the blocking exchange was used");
      }

      @Override
      public CompletableFuture<HttpExchange> exchangeAsync(HttpExchangeRequest request, Deadline deadline,
          ProbeEngine engine) {
        pinned.add(request.options().resolve());
        return CompletableFuture.completedFuture(ok());
      }
    };
    HttpProbeSpec spec = new HttpProbeSpec(URI.create("http://only-aaaa.test/"), "HEAD", 0, false, Map.of(),
        List.of(), 1024, Duration.ofSeconds(1), TlsImplementation.AUTO);
    Deadline deadline = Deadline.after(Duration.ofSeconds(5));
    try (DefaultProbeEngine engine = new DefaultProbeEngine(2, null)) {
      CompletableFuture<SystemResolver.Resolution> lookup = new CompletableFuture<>();
      CompletableFuture<HttpProbeResult> f = HttpProbePolicy.runAsync(backend, spec.withOptions(
          spec.options().withIpPreference(Optional.of(IpPreference.prefer(IpProtocol.IP6)))), deadline, engine,
          (h, d) -> lookup);
      assertThat(f).isNotDone();
      assertThat(pinned).isEmpty();
      lookup.complete(FAKE.resolve(Host.of("only-aaaa.test"), deadline));
      assertThat(f.get(5, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(pinned).containsExactly(Map.of("only-aaaa.test", List.of(V6A)));

      HttpProbeResult none = HttpProbePolicy.runAsync(backend, spec.withOptions(spec.options().withIpPreference(
          Optional.of(IpPreference.only(IpProtocol.IP4)))), deadline, engine,
          (h, d) -> CompletableFuture.completedFuture(FAKE.resolve(h, d))).get(5, TimeUnit.SECONDS);
      assertThat(none.failure().get().kind()).isEqualTo(FailureKind.NAME_NOT_FOUND);
      assertThat(pinned).hasSize(1);
    }
  }

  /**
   * gRPC's asynchronous path: the chosen address goes to the backend's asynchronous check with the name as the
   * authority (TLS still verifies the name), the result names the spec that was asked, and a cancelled check is
   * cancelled at the backend.
   */
  @Test
  void asyncGrpcChecksTheChosenAddressWithTheNameAsAuthority() throws Exception {
    GrpcHealthSpec spec = new GrpcHealthSpec(Host.of("both.test"), 50051, "", false, Optional.empty(),
        Optional.empty(), Duration.ofSeconds(1)).withIpPreference(Optional.of(IpPreference.prefer(IpProtocol.IP6)));
    List<GrpcHealthSpec> asked = new ArrayList<>();
    List<CompletableFuture<GrpcHealthResult>> pending = new ArrayList<>();
    GrpcHealthBackend backend = new GrpcHealthBackend() {
      @Override
      public String id() {
        return "stub";
      }

      @Override
      public GrpcHealthResult check(GrpcHealthSpec s, Deadline deadline) {
        throw new AssertionError("the blocking check was used");
      }

      @Override
      public CompletableFuture<GrpcHealthResult> checkAsync(GrpcHealthSpec s, Deadline deadline,
          ProbeEngine engine) {
        asked.add(s);
        CompletableFuture<GrpcHealthResult> f = new CompletableFuture<>();
        pending.add(f);
        return f;
      }
    };
    Deadline deadline = Deadline.after(Duration.ofSeconds(5));
    try (DefaultProbeEngine engine = new DefaultProbeEngine(2, null)) {
      CompletableFuture<GrpcHealthResult> f = PreferredGrpc.checkAsync(backend, spec, deadline, engine,
          (h, d) -> CompletableFuture.completedFuture(FAKE.resolve(h, d)));
      assertThat(asked).hasSize(1);
      assertThat(asked.get(0).host().literal()).contains(V6A);
      assertThat(asked.get(0).authority()).contains("both.test");
      pending.get(0).complete(GrpcHealthResult.answered(asked.get(0), GrpcServingStatus.SERVING, "stub",
          Instant.now(), Duration.ofMillis(1)));
      GrpcHealthResult r = f.get(5, TimeUnit.SECONDS);
      assertThat(r.spec()).isEqualTo(spec);
      assertThat(r.isSuccess()).isTrue();

      CompletableFuture<GrpcHealthResult> checking = PreferredGrpc.checkAsync(backend, spec, deadline, engine,
          (h, d) -> CompletableFuture.completedFuture(FAKE.resolve(h, d)));
      assertThat(checking.cancel(true)).isTrue();
      assertThat(pending.get(1)).isCancelled();
      assertThat(checking).isCancelled();
    }
  }
}
