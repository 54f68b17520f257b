package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.icmp.TraceMode;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.testing.contract.TracerouteBackendContract;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The traceroute contract against the fake; the assertions are the contract's tests. */
class FakeTracerouteBackendTest extends TracerouteBackendContract {
  private static final String[] ROUTE = {"10.0.0.1", null, "172.16.0.1", "192.0.2.10"};
  private final FakeTracerouteBackend fake = new FakeTracerouteBackend().route("192.0.2.10", ROUTE)
      .route("192.0.2.99", "10.0.0.1", null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  @Test
  void theFakeScriptsAnswersAndCoreJudgesTheHopsAndWhereTheTraceEnds() {
    FakeTracerouteBackend t = new FakeTracerouteBackend()
        .routeEndingIn("10.9.9.9", 3, 1, "10.0.0.1", "10.0.0.254")
        .route("192.0.2.20", "10.0.0.1", "192.0.2.20", "172.16.0.9");
    ProbeClient probes = Probes.builder().backend(t).build();

    TracerouteResult unreachable = probes.traceroute("10.9.9.9").maxHops(10).run();
    TracerouteResult icmp = probes.traceroute("192.0.2.20").mode(TraceMode.ICMP).maxHops(10).run();
    TracerouteResult udp = probes.traceroute("192.0.2.20").maxHops(10).run();

    assertThat(unreachable.hops()).hasSize(2);
    assertThat(unreachable.hops().get(1).annotation()).contains("!H");
    assertThat(unreachable.reached()).isFalse();
    assertThat(icmp.hops()).as("the destination answered at TTL 2: no TTL 3").hasSize(2);
    assertThat(icmp.hops().get(1).probes()).allSatisfy(p -> assertThat(p.icmpType()).as("echo reply").isZero());
    assertThat(icmp.reached()).isTrue();
    assertThat(udp.hops().get(1).probes()).allSatisfy(p -> assertThat(p.icmpType()).as("port unreachable")
        .isEqualTo(3));
    assertThat(udp.hops().get(0).probes()).allSatisfy(p -> assertThat(p.icmpType()).as("time exceeded")
        .isEqualTo(11));
    assertThatThrownBy(() -> t.routeEndingIn("x", 3, 1, "10.0.0.1", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a last hop that answers");
  }

  @Override
  protected FakeTracerouteBackend backend() {
    return fake;
  }

  @Override
  protected String destination() {
    return "192.0.2.10";
  }

  @Override
  protected List<String> route() {
    return Arrays.asList(ROUTE);
  }

  @Override
  protected String unreachedDestination() {
    return "192.0.2.99";
  }
}
