package io.netprobe.dns.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.core.FailureKind;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.dns.DnsTraceRequest;
import io.netprobe.dns.DnsTraceResult;
import io.netprobe.dns.DnsTraceStep;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code .trace()} through a private hierarchy of three NSD instances on one port: the root on 127.0.0.1, {@code test.}
 * on 127.0.0.2, {@code example.test.} and {@code glueless.test.} on 127.0.0.3.
 */
class TraceIT {
  private static final String SOA = " IN SOA ns.root. hostmaster.root. 1 7200 3600 1209600 300\n";
  private static Nsd root;
  private static Nsd tld;
  private static Nsd leaf;
  private static int port;
  private static ProbeClient client;

  @BeforeAll
  static void startHierarchy() throws Exception {
    Assumptions.assumeTrue(Nsd.installed(), "nsd is not installed (apt-get install nsd)");
    port = Nsd.freePortOnAll("127.0.0.1", "127.0.0.2", "127.0.0.3");
    root = Nsd.start("127.0.0.1", port, Map.of(".", "$TTL 300\n." + SOA
        + ". IN NS ns.root.\nns.root. IN A 127.0.0.1\n"
        + "test. IN NS ns.nic.test.\nns.nic.test. IN A 127.0.0.2\n"));
    tld = Nsd.start("127.0.0.2", port, Map.of("test", "$ORIGIN test.\n$TTL 300\n@" + SOA
        + "@ IN NS ns.nic.test.\nns.nic IN A 127.0.0.2\n"
        + "example IN NS ns1.example.test.\nns1.example IN A 127.0.0.3\n"
        + "glueless IN NS ns.leaf.example.test.\n"));
    Map<String, String> leafZones = new LinkedHashMap<>(TestZones.example("127.0.0.3"));
    leafZones.put("example.test", leafZones.get("example.test") + "ns.leaf IN A 127.0.0.3\n");
    leafZones.put("glueless.test", "$ORIGIN glueless.test.\n$TTL 300\n@" + SOA
        + "@ IN NS ns.leaf.example.test.\nwww IN A 192.0.2.99\n");
    leaf = Nsd.start("127.0.0.3", port, leafZones);
    client = Probes.builder().backend(new DnsjavaBackend()).timeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    for (Nsd n : new Nsd[] {root, tld, leaf}) {
      if (n != null) {
        n.close();
      }
    }
  }

  private DnsTraceRequest trace(String name) {
    return client.dns(name).trace().rootServer("127.0.0.1").port(port);
  }

  @Test
  void followsReferralsWithGlueToTheAnswer() {
    DnsTraceResult r = trace("example.test").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.zones()).containsExactly(".", "test.", "example.test.");
    assertThat(r.steps()).extracting(DnsTraceStep::kind).containsExactly(DnsTraceStep.Kind.REFERRAL,
        DnsTraceStep.Kind.REFERRAL, DnsTraceStep.Kind.ANSWER);
    assertThat(r.steps()).extracting(s -> s.server().getAddress().getHostAddress())
        .containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
    assertThat(r.steps().get(0).nameServers()).containsExactly("ns.nic.test.");
    assertThat(r.steps().get(1).serverName()).isEqualTo("ns.nic.test.");
    assertThat(r.steps().get(2).serverName()).isEqualTo("ns1.example.test.");
    assertThat(r.steps()).allSatisfy(s -> assertThat(s.time()).isPositive());
    assertThat(r.answer().orElseThrow().addresses()).extracting(a -> a.getHostAddress())
        .containsExactly("192.0.2.10");
    assertThat(r.backend()).isEqualTo(DnsjavaBackend.ID);
  }

  @Test
  void resolvesGluelessNameServersItself() {
    DnsTraceResult r = trace("www.glueless.test").run();
    assertThat(r.failure()).isEmpty();
    assertThat(r.answer().orElseThrow().addresses()).extracting(a -> a.getHostAddress())
        .containsExactly("192.0.2.99");
    assertThat(r.zones()).containsExactly(".", "test.", "example.test.", "glueless.test.");
    DnsTraceStep last = r.steps().get(r.steps().size() - 1);
    assertThat(last.zone()).isEqualTo("glueless.test.");
    assertThat(last.serverName()).isEqualTo("ns.leaf.example.test.");
  }

  @Test
  void nxdomainAndNodataEndTheTrace() {
    DnsTraceResult missing = trace("missing.example.test").run();
    assertThat(missing.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(missing.steps().get(missing.steps().size() - 1).kind()).isEqualTo(DnsTraceStep.Kind.NAME_NOT_FOUND);
    DnsTraceResult noTld = trace("www.nosuchtld").run();
    assertThat(noTld.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(noTld.steps()).hasSize(1);
    DnsTraceResult nodata = trace("nodata.example.test").type("AAAA").run();
    assertThat(nodata.failureKind()).contains(FailureKind.NO_DATA);
    assertThat(nodata.steps().get(nodata.steps().size() - 1).kind()).isEqualTo(DnsTraceStep.Kind.NO_DATA);
  }

  @Test
  void unreachableRootIsAFailureValueByTheDeadline() {
    Duration timeout = Duration.ofMillis(500);
    long start = System.nanoTime();
    DnsTraceResult r = client.dns("example.test").trace().rootServer("127.0.0.4").port(port).timeout(timeout).run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusMillis(150));
    assertThat(r.failure()).isPresent();
    assertThat(r.steps()).extracting(DnsTraceStep::kind).containsOnly(DnsTraceStep.Kind.FAILED);
  }
}
