package io.netprobe;

import io.netprobe.core.ProbeRunner;
import io.netprobe.core.Host;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Deadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.netprobe.diagnose.Category;
import io.netprobe.diagnose.DiagnosisSpec;
import io.netprobe.diagnose.DiagnosisResult;
import io.netprobe.diagnose.Finding;
import io.netprobe.diagnose.NetworkPath;
import io.netprobe.diagnose.Verdict;
import io.netprobe.sockets.TcpConnectSpec;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.spi.Capability;
import io.netprobe.spi.DiagnosisEngine;
import io.netprobe.spi.PingBackend;
import io.netprobe.spi.TcpConnectBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Backend selection: explicit backend > system property > ServiceLoader (highest priority among the available).
 * The ServiceLoader candidates are the test providers listed in src/test/resources/META-INF/services.
 */
class BackendSelectionTest {
  @AfterEach
  void clearProperty() {
    System.clearProperty(Capability.TCP_CONNECT.systemProperty());
  }

  @Test
  void serviceLoaderPicksTheAvailableBackendWithTheHighestPriority() {
    ProbeClient client = Probes.builder().build();
    assertThat(client.backend(TcpConnectBackend.class).id()).isEqualTo("test-high");
    assertThat(client.tcp("127.0.0.1", 80).run().backend()).isEqualTo("test-high");
  }

  @Test
  void theSystemPropertyNamesABackendById() {
    System.setProperty(Capability.TCP_CONNECT.systemProperty(), "test-low");
    assertThat(Probes.builder().build().backend(TcpConnectBackend.class).id()).isEqualTo("test-low");
  }

  @Test
  void anUnknownIdInTheSystemPropertyIsAnError() {
    System.setProperty(Capability.TCP_CONNECT.systemProperty(), "nope");
    assertThatIllegalStateException().isThrownBy(() -> Probes.builder().build().backend(TcpConnectBackend.class))
        .withMessageContaining("netprobe.tcp-connect.backend=nope")
        .withMessageContaining("test-high");
  }

  @Test
  void anExplicitBackendWinsOverEverything() {
    System.setProperty(Capability.TCP_CONNECT.systemProperty(), "test-low");
    TestTcpBackends.Explicit explicit = new TestTcpBackends.Explicit();
    ProbeClient client = Probes.builder().backend(explicit).build();
    assertThat(client.backend(TcpConnectBackend.class)).isSameAs(explicit);
  }

  @Test
  void noBackendOnTheClassPathNamesTheArtifactToAdd() {
    assertThatIllegalStateException().isThrownBy(() -> Probes.builder().build().backend(PingBackend.class))
        .withMessageContaining("io.netprobe:netprobe-sockets");
    assertThatIllegalStateException().isThrownBy(() -> Probes.ping("127.0.0.1").run())
        .withMessageContaining("add the dependency io.netprobe:netprobe-sockets");
  }

  @Test
  void noDiagnosisEngineOnTheClassPathNamesNetprobeDiagnose() {
    assertThatIllegalStateException().isThrownBy(() -> Probes.diagnose("https://example.com/").run())
        .withMessage("No DiagnosisEngine on the class path: add the dependency io.netprobe:netprobe-diagnose");
    assertThatIllegalStateException().isThrownBy(() -> Probes.diagnose("https://example.com/").runAsync())
        .withMessageContaining("io.netprobe:netprobe-diagnose");
    assertThat(Capability.DIAGNOSIS.systemProperty()).isEqualTo("netprobe.diagnosis.backend");
  }

  @Test
  void aDiagnosisRunsOnTheSelectedEngineWithTheClientItself() throws Exception {
    AtomicReference<ProbeRunner> usedClient = new AtomicReference<>();
    AtomicReference<DiagnosisSpec> usedSpec = new AtomicReference<>();
    DiagnosisEngine engine = new DiagnosisEngine() {
      @Override
      public String id() {
        return "stub";
      }

      @Override
      public DiagnosisResult diagnose(DiagnosisSpec spec, ProbeRunner probes) {
        usedSpec.set(spec);
        usedClient.set(probes);
        return new DiagnosisResult(spec.url(), Host.of(spec.url().getHost()), Verdict.of(Finding.HEALTHY,
            Optional.empty(), List.of(), spec.url().toString(), "HTTP/1.1 200"), List.of(), NetworkPath.direct(),
            List.of(), List.of(), Instant.now(), Duration.ZERO, id(), Optional.empty());
      }
    };
    ProbeClient client = Probes.builder().backend(engine).build();

    DiagnosisResult d = client.diagnose("example.com").ports(8080).run();

    assertThat(d.verdict().category()).isEqualTo(Category.OK);
    assertThat(usedClient.get()).isSameAs(client);
    assertThat(usedSpec.get().url()).hasToString("https://example.com/");
    assertThat(usedSpec.get().ports()).containsExactly(8080);
    assertThat(client.diagnose("example.com").runAsync().get(2, TimeUnit.SECONDS).isHealthy()).isTrue();
  }

  @Test
  void aBackendThatThrowsGivesAnInternalErrorResultNotAnException() throws Exception {
    ProbeClient client = Probes.builder().backend(new TestTcpBackends.Throwing()).build();
    TcpConnectResult sync = client.tcp("127.0.0.1", 80).run();
    assertThat(sync.failureKind()).contains(FailureKind.INTERNAL_ERROR);
    assertThat(sync.failure().orElseThrow().cause()).get().isInstanceOf(UnsupportedOperationException.class);
    TcpConnectResult async = client.tcp("127.0.0.1", 80).runAsync().get(2, TimeUnit.SECONDS);
    assertThat(async.failureKind()).contains(FailureKind.INTERNAL_ERROR);
  }

  @Test
  void anAsyncProbeThatOverrunsItsDeadlineCompletesWithTimeout() throws Exception {
    ProbeClient client = Probes.builder().backend(new TestTcpBackends.Hanging()).build();
    long start = System.nanoTime();
    TcpConnectResult r = client.tcp("127.0.0.1", 80).timeout(Duration.ofMillis(200)).runAsync()
        .get(5, TimeUnit.SECONDS);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
    assertThat(tookMillis).isLessThan(200 + 100 + 250);
  }

  /** Backends used by this test; the ServiceLoader ones are listed in META-INF/services. */
  public static final class TestTcpBackends {
    private TestTcpBackends() {}

    static TcpConnectResult ok(TcpConnectSpec q, String id) {
      InetAddress a = q.host().literal().orElseThrow();
      return TcpConnectResult.connected(q, List.of(a), a, new InetSocketAddress(a, 1), Duration.ZERO, Duration.ZERO,
          id, Instant.now(), Duration.ZERO);
    }

    /** Priority 10. */
    public static final class Low implements TcpConnectBackend {
      @Override
      public String id() {
        return "test-low";
      }

      @Override
      public int priority() {
        return 10;
      }

      @Override
      public TcpConnectResult connect(TcpConnectSpec q, Deadline d) {
        return ok(q, id());
      }
    }

    /** Priority 20. */
    public static final class High implements TcpConnectBackend {
      @Override
      public String id() {
        return "test-high";
      }

      @Override
      public int priority() {
        return 20;
      }

      @Override
      public TcpConnectResult connect(TcpConnectSpec q, Deadline d) {
        return ok(q, id());
      }
    }

    /** Highest priority but not available here: must never be chosen. */
    public static final class Unavailable implements TcpConnectBackend {
      @Override
      public String id() {
        return "test-unavailable";
      }

      @Override
      public int priority() {
        return 100;
      }

      @Override
      public boolean isAvailable() {
        return false;
      }

      @Override
      public TcpConnectResult connect(TcpConnectSpec q, Deadline d) {
        throw new AssertionError("an unavailable backend was used");
      }
    }

    static final class Explicit implements TcpConnectBackend {
      @Override
      public String id() {
        return "explicit";
      }

      @Override
      public TcpConnectResult connect(TcpConnectSpec q, Deadline d) {
        return ok(q, id());
      }
    }

    static final class Throwing implements TcpConnectBackend {
      @Override
      public String id() {
        return "throwing";
      }

      @Override
      public TcpConnectResult connect(TcpConnectSpec q, Deadline d) {
        throw new UnsupportedOperationException("boom");
      }
    }

    static final class Hanging implements TcpConnectBackend {
      @Override
      public String id() {
        return "hanging";
      }

      @Override
      public TcpConnectResult connect(TcpConnectSpec q, Deadline d) {
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return ok(q, id());
      }
    }
  }
}
