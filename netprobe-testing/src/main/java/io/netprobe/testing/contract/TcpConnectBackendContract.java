package io.netprobe.testing.contract;

import static io.netprobe.testing.contract.ContractAssertions.returnsByDeadline;
import static io.netprobe.testing.contract.ContractAssertions.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.core.FailureKind;
import io.netprobe.core.NetprobeException;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.sockets.TcpConnectResult;
import io.netprobe.spi.TcpConnectBackend;
import io.netprobe.core.Deadline;
import io.netprobe.core.Host;
import io.netprobe.sockets.TcpConnectSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link TcpConnectBackend}. Extend it and say how to reach an open, a refusing and a silent
 * port in your test's world (real sockets for a real backend, scripted ones for a fake).
 */
public abstract class TcpConnectBackendContract {
  /** For subclasses. */
  protected TcpConnectBackendContract() {}


  /** A host and port to connect to. */
  public record Target(String host, int port) {}

  /** The backend under test. */
  protected abstract TcpConnectBackend backend();

  /** A port that accepts connections. */
  protected abstract Target openTarget();

  /** A port where the connection is refused (RST). */
  protected abstract Target refusingTarget();

  /** A port whose SYN is never answered. */
  protected abstract Target silentTarget();

  private ProbeClient client() {
    return Probes.builder().backend(backend()).build();
  }

  @Test
  void connectsToAnOpenPort() {
    Target t = openTarget();
    TcpConnectResult r = client().tcp(t.host(), t.port()).timeout(Duration.ofSeconds(2)).run();
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.address()).isPresent();
    assertThat(r.connectTime()).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
    assertThat(r.local()).isPresent();
    assertThat(r.orThrow()).isSameAs(r);
  }

  @Test
  void refusedConnectionIsAFailureValueNotAnException() {
    Target t = refusingTarget();
    TcpConnectResult r = client().tcp(t.host(), t.port()).timeout(Duration.ofSeconds(2)).run();
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.CONNECTION_REFUSED);
    assertThat(r.connectTime()).isEmpty();
    Assertions.assertThatThrownBy(r::orThrow).isInstanceOf(NetprobeException.class)
        .extracting(e -> ((NetprobeException) e).kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);
  }

  @Test
  void silentPeerTimesOutByTheDeadline() {
    Target t = silentTarget();
    Duration timeout = Duration.ofMillis(300);
    TcpConnectResult r = returnsByDeadline(timeout, () -> client().tcp(t.host(), t.port()).timeout(timeout).run());
    wellFormed(r, backend());
    assertThat(r.failureKind()).contains(FailureKind.TIMEOUT);
  }

  @Test
  void runAsyncCompletesWithTheSameOutcomes() throws Exception {
    Target open = openTarget();
    Target refusing = refusingTarget();
    TcpConnectResult ok = client().tcp(open.host(), open.port()).runAsync().get(5, TimeUnit.SECONDS);
    TcpConnectResult refused = client().tcp(refusing.host(), refusing.port()).runAsync().get(5, TimeUnit.SECONDS);
    assertThat(ok.isSuccess()).isTrue();
    assertThat(refused.failureKind()).contains(FailureKind.CONNECTION_REFUSED);
  }

  @Test
  void theBlockingMethodAndTheEnginePathAgree() {
    Target refusing = refusingTarget();
    Target open = openTarget();
    TcpConnectResult blockingRefused = backend().connect(new TcpConnectSpec(Host.of(refusing.host()),
        refusing.port(), Duration.ofSeconds(2)), Deadline.after(Duration.ofSeconds(2)));
    TcpConnectResult blockingOk = backend().connect(new TcpConnectSpec(Host.of(open.host()), open.port(),
        Duration.ofSeconds(2)), Deadline.after(Duration.ofSeconds(2)));
    assertThat(blockingRefused.failureKind()).contains(FailureKind.CONNECTION_REFUSED);
    assertThat(blockingOk.failure()).isEmpty();
    assertThat(client().tcp(refusing.host(), refusing.port()).run().failureKind())
        .isEqualTo(blockingRefused.failureKind());
  }

  /**
   * Many probes to a silent peer at once all end by their deadline: on the engine a silent peer costs a timer entry,
   * not a thread (a backend that blocked a thread per probe would serve them a few at a time).
   */
  @Test
  void manySilentProbesAtOnceAllEndByTheirDeadline() {
    Target t = silentTarget();
    Duration timeout = Duration.ofMillis(400);
    ProbeClient client = client();
    long start = System.nanoTime();
    List<CompletableFuture<TcpConnectResult>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(client.tcp(t.host(), t.port()).timeout(timeout).runAsync());
    }
    List<TcpConnectResult> results = futures.stream().map(CompletableFuture::join).toList();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(results).allSatisfy(r -> assertThat(r.failureKind()).contains(FailureKind.TIMEOUT));
    assertThat(tookMillis).as("200 silent probes of 400 ms at once").isLessThan(400 + 600);
  }

  @Test
  void badArgumentsAreRejectedBeforeAnythingIsSent() {
    ProbeClient client = client();
    assertThatIllegalArgumentException().isThrownBy(() -> client.tcp("localhost", 0)).withMessageContaining("0");
    assertThatIllegalArgumentException().isThrownBy(() -> client.tcp("localhost", 70000))
        .withMessageContaining("70000").withMessageContaining("65535");
    assertThatIllegalArgumentException().isThrownBy(() -> client.tcp("bad host", 80)).withMessageContaining("bad host");
    assertThatIllegalArgumentException().isThrownBy(() -> client.tcp("localhost", 80).timeout(Duration.ofMillis(-1)))
        .withMessageContaining("timeout");
  }
}
