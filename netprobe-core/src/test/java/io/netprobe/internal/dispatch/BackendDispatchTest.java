package io.netprobe.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.core.Deadline;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.ProbeClient;
import io.netprobe.core.ProbeFailure;
import io.netprobe.core.ProbeResult;
import io.netprobe.core.ProbeSpec;
import io.netprobe.Probes;
import io.netprobe.dns.DnsAnswer;
import io.netprobe.dns.DnsBatchSpec;
import io.netprobe.dns.DnsBatchResult;
import io.netprobe.dns.DnsFlag;
import io.netprobe.dns.DnsHeader;
import io.netprobe.dns.DnsSpec;
import io.netprobe.dns.DnsResult;
import io.netprobe.dns.DnsTraceResult;
import io.netprobe.dns.DnsTraceStep;
import io.netprobe.dns.DnsValidationSpec;
import io.netprobe.dns.DnsValidationResult;
import io.netprobe.dns.RecordType;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.PingSpec;
import io.netprobe.icmp.PingSweepResult;
import io.netprobe.icmp.PingSweepSpec;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.icmp.TracerouteSpec;
import io.netprobe.sockets.ListeningSocketsSpec;
import io.netprobe.sockets.ListeningSocketsResult;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.spi.DnsBackend;
import io.netprobe.spi.PingBackend;
import io.netprobe.spi.SocketTableBackend;
import io.netprobe.spi.TcpConnectBackend;
import io.netprobe.spi.TracerouteBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ProbeClient#run} hands each spec type to its backend method, through {@link BackendDispatch}. */
class BackendDispatchTest {
  private static final ProbeFailure ANSWERED = ProbeFailure.of(FailureKind.REFUSED, "answered by the stub");

  /** Every backend contract at once; answers each spec with its failure result for {@link #ANSWERED}. */
  static class Stub implements DnsBackend, PingBackend, TracerouteBackend, TcpConnectBackend, SocketTableBackend {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<DnsSpec> questions = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return "stub";
    }

    private <R extends ProbeResult> R answer(String method, ProbeSpec<R> spec) {
      calls.add(method);
      return spec.failed(ANSWERED, Instant.now(), Duration.ZERO);
    }

    @Override
    public DnsResult query(DnsSpec query, Deadline deadline) {
      questions.add(query);
      return answer("query", query);
    }

    @Override
    public DnsBatchResult queryBatch(DnsBatchSpec batch, Deadline deadline) {
      return answer("queryBatch", batch);
    }

    @Override
    public DnsValidationResult validate(DnsValidationSpec query, Deadline deadline) {
      return answer("validate", query);
    }

    @Override
    public PingResult ping(PingSpec spec, Deadline deadline) {
      return answer("ping", spec);
    }

    @Override
    public PingSweepResult sweep(PingSweepSpec spec, Deadline deadline) {
      return answer("sweep", spec);
    }

    @Override
    public TracerouteResult trace(TracerouteSpec spec, Deadline deadline) {
      return answer("trace", spec);
    }

    @Override
    public TcpConnectResult connect(TcpConnectSpec query, Deadline deadline) {
      return answer("connect", query);
    }

    @Override
    public ListeningSocketsResult listening(ListeningSocketsSpec query, Deadline deadline) {
      return answer("listening", query);
    }
  }

  private final Stub stub = new Stub();
  private final ProbeClient client = Probes.builder().backend(stub).build();

  @Test
  void everySpecReachesItsBackendMethod() {
    DnsSpec question = client.dns("www.example.test").spec();
    List<ProbeSpec<?>> specs = List.of(question,
        client.dnsBatch(List.of("a.example.test")).spec(),
        new DnsValidationSpec(question, ". 1 IN DS 1 8 2 AA"),
        client.ping("192.0.2.1").spec(),
        client.pingAll("192.0.2.1", "192.0.2.2").spec(),
        client.traceroute("192.0.2.1").spec(),
        client.tcp("192.0.2.1", 443).spec(),
        client.listeningSockets().spec());

    for (ProbeSpec<?> spec : specs) {
      ProbeResult r = client.run(spec, Deadline.after(Duration.ofSeconds(1)));
      assertThat(r.failure()).as("%s", spec).contains(ANSWERED);
    }

    assertThat(stub.calls).containsExactly("query", "queryBatch", "validate", "ping", "sweep", "trace", "connect",
        "listening");
  }

  @Test
  void runAsyncUsesTheSameBackendMethod() throws Exception {
    TcpConnectSpec query = new TcpConnectSpec(Host.of("192.0.2.1"), 80, Duration.ofSeconds(1));
    TcpConnectResult r = client.runAsync(query, Deadline.after(query.timeout())).get(1, TimeUnit.SECONDS);
    assertThat(r.failure()).contains(ANSWERED);
    assertThat(stub.calls).containsExactly("connect");
  }

  @Test
  void aBackendThatThrowsGivesTheSpecsFailureResult() {
    Stub broken = new Stub() {
      @Override
      public PingResult ping(PingSpec spec, Deadline deadline) {
        throw new UnsupportedOperationException("a bug in the backend");
      }
    };
    PingSpec spec = Probes.builder().backend(broken).build().ping("192.0.2.1").spec();
    PingResult r = Probes.builder().backend(broken).build().run(spec, Deadline.after(Duration.ofSeconds(1)));
    assertThat(r.failureKind()).contains(FailureKind.INTERNAL_ERROR);
    assertThat(r.failure().orElseThrow().message()).contains("a bug in the backend");
    assertThat(r.backend()).isEqualTo("none");
    assertThat(r.spec()).isEqualTo(spec);
  }

  @Test
  void anAsyncProbeThatOverrunsItsDeadlineTimesOut() throws Exception {
    Stub slow = new Stub() {
      @Override
      public TcpConnectResult connect(TcpConnectSpec query, Deadline deadline) {
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return super.connect(query, deadline);
      }
    };
    TcpConnectSpec query = new TcpConnectSpec(Host.of("192.0.2.1"), 80, Duration.ofMillis(50));
    TcpConnectResult r = Probes.builder().backend(slow).build().runAsync(query, Deadline.after(query.timeout()))
        .get(1, TimeUnit.SECONDS);
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(r.backend()).isEqualTo("none");
  }

  @Test
  void aSpecNoBackendRunsIsAProgrammerError() {
    ProbeSpec<DnsResult> foreign = new ProbeSpec<>() {
      @Override
      public Duration timeout() {
        return Duration.ofSeconds(1);
      }

      @Override
      public DnsResult failed(ProbeFailure failure, Instant started, Duration elapsed) {
        throw new AssertionError("not a failure of the probe");
      }
    };
    assertThatIllegalArgumentException().isThrownBy(() -> client.run(foreign, Deadline.after(Duration.ofSeconds(1))))
        .withMessageContaining("no netprobe backend runs");
  }

  @Test
  void aTraceAsksItsQuestionsThroughTheClientAndNamesTheBackendThatAnswered() {
    Stub authoritative = new Stub() {
      @Override
      public DnsResult query(DnsSpec query, Deadline deadline) {
        questions.add(query);
        return DnsResult.builder(query).server(query.servers().get(0)).backend("stub")
            .header(new DnsHeader(7, "QUERY", "NOERROR", Set.of(DnsFlag.QR, DnsFlag.AA)))
            .answers(List.of(new DnsAnswer("www.example.test.", Duration.ofMinutes(5), "IN", RecordType.A,
                "192.0.2.10")))
            .build();
      }
    };
    ProbeClient withAuthority = Probes.builder().backend(authoritative).build();

    DnsTraceResult r = withAuthority.dns("www.example.test").trace().rootServer("192.0.2.1").port(5353).run();

    assertThat(r.backend()).isEqualTo("stub");
    assertThat(r.failure()).isEmpty();
    assertThat(r.steps()).extracting(DnsTraceStep::kind).containsExactly(DnsTraceStep.Kind.ANSWER);
    assertThat(authoritative.questions).singleElement().satisfies(q -> {
      assertThat(q.servers()).containsExactly(new InetSocketAddress("192.0.2.1", 5353));
      assertThat(q.recursion()).isFalse();
      assertThat(q.name()).isEqualTo("www.example.test");
    });
  }

  @Test
  void aTraceWhoseQuestionsAllFailNamesNoBackend() {
    DnsTraceResult r = client.dns("www.example.test").trace().rootServer("192.0.2.1").run();
    assertThat(r.backend()).isEqualTo("none");
    assertThat(r.failure()).contains(ANSWERED);
    assertThat(stub.calls).containsExactly("query");
  }
}
