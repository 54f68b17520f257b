package io.netprobe;

import io.netprobe.core.ProbeRunner;
import io.netprobe.core.ProbeSpec;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.ProbeRequest;
import io.netprobe.core.Host;
import io.netprobe.core.Deadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsBatchSpec;
import io.netprobe.dns.DnsBatchRequest;
import io.netprobe.dns.DnsFanOutRequest;
import io.netprobe.dns.DnsFanOutResult;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsRequest;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTraceSpec;
import io.netprobe.dns.DnsValidationSpec;
import io.netprobe.dns.RecordType;
import io.netprobe.icmp.PingRequest;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepRequest;
import io.netprobe.icmp.PingSweepSpec;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.icmp.TracerouteRequest;
import io.netprobe.sockets.AddressFamily;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsRequest;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.sockets.TcpConnectRequest;
import io.netprobe.sockets.TransportProtocol;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests need nothing from the client but a {@link ProbeRunner}: made with a hand-written runner, each hands it
 * the spec its options describe, under a deadline of the spec's timeout, and returns what the runner returns.
 */
class RequestsOnAnyRunnerTest {
  private static final Duration DEFAULT = Duration.ofSeconds(3);

  static Stream<Arguments> requests() {
    return Stream.<Function<ProbeRunner, ProbeRequest<?, ?>>>of(
        r -> DnsRequest.create(r, "example.test").type("MX").server("192.0.2.53").tcp(),
        r -> DnsBatchRequest.create(r, List.of("a.example.test", "192.0.2.7")).type("AAAA").maxInFlight(8),
        r -> DnsRequest.create(r, "example.test").trace().rootServer("192.0.2.1").port(5353),
        r -> DnsRequest.create(r, "example.test").server("192.0.2.53").validate().trustAnchor(". 1 IN DS 1 8 2 AA"),
        r -> PingRequest.create(r, Host.of("192.0.2.1")).count(2).ttl(9),
        r -> PingSweepRequest.create(r, List.of("192.0.2.1", "192.0.2.2")).count(3),
        r -> TracerouteRequest.create(r, Host.of("192.0.2.1")).mode(TraceMode.ICMP).maxHops(5),
        r -> TcpConnectRequest.create(r, Host.of("192.0.2.1"), 443),
        r -> ListeningSocketsRequest.create(r).tcp().ipv4().port(8080))
        .map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("requests")
  void runHandsTheRunnerTheSpecAndReturnsItsResult(Function<ProbeRunner, ProbeRequest<?, ?>> make) {
    RecordingRunner runner = new RecordingRunner(DEFAULT);
    ProbeRequest<?, ?> request = make.apply(runner);
    long before = System.nanoTime();
    ProbeResult result = request.run();

    assertThat(runner.calls).containsExactly("run");
    ProbeSpec<?> spec = runner.specs.get(0);
    assertThat(spec.timeout()).isEqualTo(request.timeout());
    assertThat(runner.deadlines.get(0).nanoTime() - before)
        .isBetween(request.timeout().toNanos() - 1, request.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1));
    assertThat(result.failure()).contains(RecordingRunner.FAILURE);
    assertThat(result.backend()).isEqualTo("none");
  }

  @ParameterizedTest
  @MethodSource("requests")
  void runAsyncHandsTheRunnerTheSameSpec(Function<ProbeRunner, ProbeRequest<?, ?>> make) throws Exception {
    RecordingRunner sync = new RecordingRunner(DEFAULT);
    make.apply(sync).run();
    RecordingRunner async = new RecordingRunner(DEFAULT);
    ProbeResult result = make.apply(async).runAsync().get(1, TimeUnit.SECONDS);

    assertThat(async.calls).containsExactly("runAsync");
    assertThat(async.specs).isEqualTo(sync.specs);
    assertThat(result.failure()).contains(RecordingRunner.FAILURE);
  }

  @Test
  void theSpecsCarryTheOptions() {
    RecordingRunner runner = new RecordingRunner(DEFAULT);
    DnsRequest.create(runner, "example.test").type("MX").server("192.0.2.53").tcp().run();
    DnsSpec q = runner.only(DnsSpec.class);
    assertThat(q.type()).isEqualTo(RecordType.MX);
    assertThat(q.servers()).containsExactly(new InetSocketAddress("192.0.2.53", 53));
    assertThat(q.forceTcp()).isTrue();
    assertThat(q.timeout()).isEqualTo(DEFAULT);

    runner = new RecordingRunner(DEFAULT);
    DnsBatchRequest.create(runner, List.of("a.example.test", "192.0.2.7")).type("AAAA").maxInFlight(8).run();
    DnsBatchSpec batch = runner.only(DnsBatchSpec.class);
    assertThat(batch.maxInFlight()).isEqualTo(8);
    assertThat(batch.queries()).extracting(DnsSpec::type).containsExactly(RecordType.AAAA, RecordType.PTR);
    assertThat(batch.timeout()).isEqualTo(Duration.ofMinutes(1));

    runner = new RecordingRunner(DEFAULT);
    DnsRequest.create(runner, "example.test").type("NS").trace().rootServer("192.0.2.1").port(5353).run();
    DnsTraceSpec trace = runner.only(DnsTraceSpec.class);
    assertThat(trace.query().type()).isEqualTo(RecordType.NS);
    assertThat(trace.rootServers()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.1");
    assertThat(trace.port()).isEqualTo(5353);

    runner = new RecordingRunner(DEFAULT);
    DnsRequest.create(runner, "example.test").validate().trustAnchor(". 1 IN DS 1 8 2 AA").run();
    DnsValidationSpec validation = runner.only(DnsValidationSpec.class);
    assertThat(validation.query().dnssec()).isTrue();
    assertThat(validation.trustAnchors()).isEqualTo(". 1 IN DS 1 8 2 AA");

    runner = new RecordingRunner(DEFAULT);
    PingRequest.create(runner, Host.of("192.0.2.1")).count(2).ttl(9).run();
    PingSpec ping = runner.only(PingSpec.class);
    assertThat(ping.count()).isEqualTo(2);
    assertThat(ping.ttl()).hasValue(9);

    runner = new RecordingRunner(DEFAULT);
    PingSweepRequest.create(runner, List.of("192.0.2.1", "192.0.2.2", "192.0.2.1")).count(3).run();
    PingSweepSpec sweep = runner.only(PingSweepSpec.class);
    assertThat(sweep.hosts()).hasSize(2);
    assertThat(sweep.count()).isEqualTo(3);

    runner = new RecordingRunner(DEFAULT);
    TracerouteRequest.create(runner, Host.of("192.0.2.1")).mode(TraceMode.ICMP).maxHops(5).run();
    TracerouteSpec traceroute = runner.only(TracerouteSpec.class);
    assertThat(traceroute.mode()).isEqualTo(TraceMode.ICMP);
    assertThat(traceroute.maxHops()).isEqualTo(5);
    assertThat(traceroute.timeout()).isEqualTo(Duration.ofSeconds(10));

    runner = new RecordingRunner(DEFAULT);
    TcpConnectRequest.create(runner, Host.of("192.0.2.1"), 443).timeout(Duration.ofSeconds(2)).run();
    TcpConnectSpec tcp = runner.only(TcpConnectSpec.class);
    assertThat(tcp.port()).isEqualTo(443);
    assertThat(tcp.timeout()).isEqualTo(Duration.ofSeconds(2));

    runner = new RecordingRunner(DEFAULT);
    ListeningSocketsRequest.create(runner).tcp().ipv4().port(8080).run();
    ListeningSocketsSpec sockets = runner.only(ListeningSocketsSpec.class);
    assertThat(sockets.protocols()).containsExactly(TransportProtocol.TCP);
    assertThat(sockets.families()).containsExactly(AddressFamily.IPV4);
    assertThat(sockets.port()).hasValue(8080);
    assertThat(sockets.owners()).isTrue();
  }

  @Test
  void fanOutIsARequestThatAsksEveryServerAtOnceUnderOneDeadline() throws Exception {
    // 192.0.2.53 says 192.0.2.10; 192.0.2.54 says 192.0.2.11
    RecordingRunner runner = new RecordingRunner(DEFAULT, spec -> {
      DnsSpec q = (DnsSpec) spec;
      InetSocketAddress server = q.servers().get(0);
      String address = server.getHostString().equals("192.0.2.53") ? "192.0.2.10" : "192.0.2.11";
      return DnsResult.builder(q).server(server).backend("recording")
          .header(new DnsHeader(1, "QUERY", "NOERROR", Set.of(DnsFlag.QR, DnsFlag.RD, DnsFlag.RA)))
          .answers(List.of(new DnsAnswer("www.example.test.", Duration.ofMinutes(5), "IN", RecordType.A, address)))
          .build();
    });
    DnsFanOutRequest request = DnsRequest.create(runner, "www.example.test").server("192.0.2.53")
        .server("192.0.2.54").fanOut().timeout(Duration.ofMillis(700));

    DnsFanOutResult result = request.runAsync().get(1, TimeUnit.SECONDS);

    assertThat(runner.calls).containsExactly("runAsync", "runAsync");
    assertThat(runner.specs).extracting(s -> ((DnsSpec) s).servers())
        .containsExactly(List.of(new InetSocketAddress("192.0.2.53", 53)),
            List.of(new InetSocketAddress("192.0.2.54", 53)));
    assertThat(runner.specs).allSatisfy(s -> assertThat(s.timeout()).isEqualTo(Duration.ofMillis(700)));
    assertThat(runner.deadlines.get(0)).isSameAs(runner.deadlines.get(1));
    assertThat(result.agree()).isFalse();
    assertThat(result.backend()).isEqualTo("recording");
    assertThat(result.groups()).containsExactly(
        Map.entry("192.0.2.10", List.of(new InetSocketAddress("192.0.2.53", 53))),
        Map.entry("192.0.2.11", List.of(new InetSocketAddress("192.0.2.54", 53))));
    assertThat(request.run().groups()).isEqualTo(result.groups());
  }

  @Test
  void aFanOutNoServerAnsweredNamesEveryServerAndTheFailure() {
    RecordingRunner runner = new RecordingRunner(DEFAULT);
    DnsFanOutResult result = DnsRequest.create(runner, "www.example.test").server("192.0.2.53")
        .server("192.0.2.54").fanOut().run();

    assertThat(result.failure()).contains(RecordingRunner.FAILURE);
    assertThat(result.backend()).isEqualTo("none");
    assertThat(result.results()).extracting(r -> r.server().orElseThrow().getHostString())
        .containsExactly("192.0.2.53", "192.0.2.54");
  }

  @Test
  void fanOutNeedsServersToCompare() {
    RecordingRunner runner = new RecordingRunner(DEFAULT);
    assertThatIllegalArgumentException().isThrownBy(() -> DnsRequest.create(runner, "example.test").fanOut())
        .withMessageContaining("needs the servers to compare");
    assertThat(runner.specs).isEmpty();
  }

  @Test
  void programmerErrorsOfTheRunnerReachTheCallerOfAFanOut() {
    ProbeRunner failing = new ProbeRunner() {
      @Override
      public Duration timeout() {
        return DEFAULT;
      }

      @Override
      public java.util.concurrent.Executor executor() {
        return Runnable::run;
      }

      @Override
      public <R extends ProbeResult> R run(ProbeSpec<R> spec, Deadline deadline) {
        throw new IllegalArgumentException("a rule the caller broke");
      }

      @Override
      public <R extends ProbeResult> CompletableFuture<R> runAsync(ProbeSpec<R> spec, Deadline deadline) {
        return CompletableFuture.failedFuture(new IllegalArgumentException("a rule the caller broke"));
      }
    };
    DnsFanOutRequest request = DnsRequest.create(failing, "example.test").server("192.0.2.53").fanOut();
    assertThatIllegalArgumentException().isThrownBy(request::run).withMessage("a rule the caller broke");
  }

  @Test
  void theDefaultTimeoutIsTheRunners() {
    RecordingRunner runner = new RecordingRunner(Duration.ofMillis(1234));
    assertThat(DnsRequest.create(runner, "example.test").timeout()).isEqualTo(Duration.ofMillis(1234));
    assertThat(PingRequest.create(runner, Host.of("192.0.2.1")).timeout()).isEqualTo(Duration.ofMillis(1234));
    assertThat(TcpConnectRequest.create(runner, Host.of("192.0.2.1"), 80).timeout())
        .isEqualTo(Duration.ofMillis(1234));
    assertThat(ListeningSocketsRequest.create(runner).timeout()).isEqualTo(Duration.ofMillis(1234));
  }
}
