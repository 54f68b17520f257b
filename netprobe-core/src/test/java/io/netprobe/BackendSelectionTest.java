package io.netprobe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.netprobe.sockets.TcpConnectQuery;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.spi.Capability;
import io.netprobe.spi.PingBackend;
import io.netprobe.spi.TcpConnectBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    static TcpConnectResult ok(TcpConnectQuery q, String id) {
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
      public TcpConnectResult connect(TcpConnectQuery q, Deadline d) {
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
      public TcpConnectResult connect(TcpConnectQuery q, Deadline d) {
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
      public TcpConnectResult connect(TcpConnectQuery q, Deadline d) {
        throw new AssertionError("an unavailable backend was used");
      }
    }

    static final class Explicit implements TcpConnectBackend {
      @Override
      public String id() {
        return "explicit";
      }

      @Override
      public TcpConnectResult connect(TcpConnectQuery q, Deadline d) {
        return ok(q, id());
      }
    }

    static final class Throwing implements TcpConnectBackend {
      @Override
      public String id() {
        return "throwing";
      }

      @Override
      public TcpConnectResult connect(TcpConnectQuery q, Deadline d) {
        throw new UnsupportedOperationException("boom");
      }
    }

    static final class Hanging implements TcpConnectBackend {
      @Override
      public String id() {
        return "hanging";
      }

      @Override
      public TcpConnectResult connect(TcpConnectQuery q, Deadline d) {
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
