package io.netprobe.testing.contract;

import static io.netprobe.testing.contract.ContractAssertions.returnsByDeadline;
import static io.netprobe.testing.contract.ContractAssertions.wellFormed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.icmp.Hop;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.spi.TracerouteBackend;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link TracerouteBackend}. Extend it and give a destination with its route (hop addresses
 * in order, null for a router that sends no time-exceeded, the last being the destination), and a destination that
 * is never reached.
 */
public abstract class TracerouteBackendContract {
  /** For subclasses. */
  protected TracerouteBackendContract() {}


  /** The backend under test. */
  protected abstract TracerouteBackend backend();

  /** A destination with a route of at least three hops, one of them silent. */
  protected abstract String destination();

  /** The route to {@link #destination()}: addresses in TTL order, null for silent hops, the destination last. */
  protected abstract List<String> route();

  /** A destination whose probes are never answered by it. */
  protected abstract String unreachedDestination();

  protected ProbeClient client() {
    return Probes.builder().backend(backend()).build();
  }

  private static List<String> addresses(TracerouteResult r) {
    List<String> out = new ArrayList<>();
    for (Hop h : r.hops()) {
      out.add(h.address().map(InetAddress::getHostAddress).orElse(null));
    }
    return out;
  }

  private List<String> normalizedRoute() {
    List<String> out = new ArrayList<>();
    for (String a : route()) {
      try {
        out.add(a == null ? null : InetAddress.getByName(a).getHostAddress());
      } catch (java.net.UnknownHostException e) {
        throw new IllegalArgumentException(e);
      }
    }
    return out;
  }

  @Test
  void tracesTheRouteInOrderAndStreamsTheHops() {
    List<Hop> streamed = new CopyOnWriteArrayList<>();
    TracerouteResult r = client().traceroute(destination()).maxHops(10).probeTimeout(Duration.ofMillis(500))
        .onHop(streamed::add).run();
    wellFormed(r, backend());
    assertThat(r.failure()).isEmpty();
    assertThat(r.reached()).isTrue();
    assertThat(r.method()).isPresent();
    assertThat(addresses(r)).isEqualTo(normalizedRoute());
    assertThat(r.hops()).extracting(Hop::ttl).containsExactly(
        java.util.stream.IntStream.rangeClosed(1, route().size()).boxed().toArray(Integer[]::new));
    assertThat(streamed).isEqualTo(r.hops());
    assertThat(r.hops()).allSatisfy(h -> assertThat(h.probes()).hasSize(3));
    for (int i = 0; i < route().size(); i++) {
      Hop h = r.hops().get(i);
      assertThat(h.isSilent()).isEqualTo(route().get(i) == null);
      assertThat(h.reachedDestination()).isEqualTo(i == route().size() - 1);
      h.probes().forEach(p -> assertThat(p.rtt().isPresent()).isEqualTo(p.answered()));
    }
  }

  @Test
  void firstTtlAndMaxHopsBoundTheTrace() {
    TracerouteResult r = client().traceroute(destination()).maxHops(route().size() - 1).firstTtl(2).probesPerHop(1)
        .probeTimeout(Duration.ofMillis(300)).run();
    wellFormed(r, backend());
    assertThat(r.reached()).isFalse();
    assertThat(r.hops()).extracting(Hop::ttl).first().isEqualTo(2);
    assertThat(r.hops()).hasSize(route().size() - 2);
    assertThat(r.hops()).allSatisfy(h -> assertThat(h.probes()).hasSize(1));
  }

  @Test
  void anUnreachedDestinationReturnsByTheDeadline() {
    Duration timeout = Duration.ofMillis(600);
    TracerouteResult r = returnsByDeadline(timeout, () -> client().traceroute(unreachedDestination()).maxHops(30)
        .probeTimeout(Duration.ofSeconds(2)).timeout(timeout).run());
    wellFormed(r, backend());
    assertThat(r.reached()).isFalse();
  }

  @Test
  void runAsyncCompletesWithTheSameOutcome() throws Exception {
    TracerouteResult r = client().traceroute(destination()).maxHops(10).probeTimeout(Duration.ofMillis(500)).runAsync()
        .get(10, TimeUnit.SECONDS);
    assertThat(r.reached()).isTrue();
  }

  @Test
  void badArgumentsAreRejectedBeforeAnythingIsSent() {
    ProbeClient c = client();
    assertThatIllegalArgumentException().isThrownBy(() -> c.traceroute("localhost").maxHops(0))
        .withMessageContaining("maxHops");
    assertThatIllegalArgumentException().isThrownBy(() -> c.traceroute("localhost").maxHops(256))
        .withMessageContaining("255");
    assertThatIllegalArgumentException().isThrownBy(() -> c.traceroute("localhost").firstTtl(0))
        .withMessageContaining("firstTtl");
    assertThatIllegalArgumentException().isThrownBy(() -> c.traceroute("localhost").probesPerHop(0))
        .withMessageContaining("probesPerHop");
    assertThatIllegalArgumentException().isThrownBy(() -> c.traceroute("localhost").probeTimeout(Duration.ZERO))
        .withMessageContaining("probeTimeout");
    assertThatIllegalArgumentException().isThrownBy(() -> c.traceroute("no such host!"))
        .withMessageContaining("no such host!");
  }
}
