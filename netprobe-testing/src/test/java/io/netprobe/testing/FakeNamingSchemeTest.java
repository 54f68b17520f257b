package io.netprobe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.core.ProbeResult;
import io.netprobe.icmp.PingResult;
import io.netprobe.icmp.TracerouteResult;
import io.netprobe.sockets.TcpConnectResult;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Every fake scripts with the same verbs: {@code fail(target…, kind)}, {@code silent(target…)} and {@code
 * delay(target…, duration)}, the target being what the tool takes (a name, a URL, a host, a host and port; the
 * socket table has none). Each verb does the same thing on every fake.
 */
class FakeNamingSchemeTest {
  private static final List<Class<?>> FAKES = List.of(FakeDnsBackend.class, FakeHttpBackend.class,
      FakeTcpConnectBackend.class, FakePingBackend.class, FakeTracerouteBackend.class, FakeSocketTableBackend.class);

  @Test
  void everyFakeHasFailSilentAndDelayWithTheTargetFirst() {
    for (Class<?> fake : FAKES) {
      assertThat(verb(fake, "fail")).as(fake.getSimpleName() + ".fail")
          .anySatisfy(m -> assertThat(last(m)).isEqualTo(FailureKind.class));
      assertThat(verb(fake, "delay")).as(fake.getSimpleName() + ".delay")
          .anySatisfy(m -> assertThat(last(m)).isEqualTo(Duration.class));
      assertThat(verb(fake, "silent")).as(fake.getSimpleName() + ".silent").isNotEmpty();
      for (String name : List.of("fail", "delay", "silent")) {
        for (Method m : verb(fake, name)) {
          assertThat(m.getReturnType()).as(m.toString() + " chains").isEqualTo(fake);
          assertThat(m.isAnnotationPresent(Deprecated.class)).as(m + " is current").isFalse();
        }
      }
    }
  }

  @Test
  void silentMeansTheProbeWaitsUntilItsDeadlineAndTimesOut() {
    ProbeClient client = Probes.builder()
        .backend(new FakeDnsBackend().silent("quiet.test"))
        .backend(new FakeHttpBackend().respond("http://quiet.test/", 200).silent("http://quiet.test/"))
        .backend(new FakeTcpConnectBackend().open("quiet.test", 80).silent("quiet.test", 80))
        .backend(new FakeSocketTableBackend().tcp("127.0.0.1", 80, "nginx", 1).silent())
        .build();
    Duration timeout = Duration.ofMillis(150);
    assertTimesOutAfter(timeout, () -> client.dns("quiet.test").timeout(timeout).run());
    assertTimesOutAfter(timeout, () -> client.http("http://quiet.test/").timeout(timeout).run());
    assertTimesOutAfter(timeout, () -> client.tcp("quiet.test", 80).timeout(timeout).run());
    assertTimesOutAfter(timeout, () -> client.listeningSockets().timeout(timeout).run());
  }

  @Test
  void silentPingAndTracerouteAreWhatTheToolsShowForAHostThatNeverAnswers() {
    ProbeClient client = Probes.builder()
        .backend(new FakePingBackend().reply("quiet.test", Duration.ofMillis(1)).silent("quiet.test"))
        .backend(new FakeTracerouteBackend().route("quiet.test", "10.0.0.1", "192.0.2.1").silent("quiet.test"))
        .build();
    PingResult ping = client.ping("quiet.test").count(3).run();
    assertThat(ping.received()).isZero();
    assertThat(ping.failureKind()).contains(FailureKind.TIMEOUT);
    TracerouteResult trace = client.traceroute("quiet.test").maxHops(5).run();
    assertThat(trace.hops()).hasSize(5).allSatisfy(h -> assertThat(h.probes())
        .allSatisfy(p -> assertThat(p.from()).isEmpty()));
    assertThat(trace.reached()).isFalse();
  }

  @Test
  void delayAnswersLateWithWhatIsScriptedAndTheTcpConnectTimeIsTheDelay() {
    ProbeClient client = Probes.builder()
        .backend(new FakeTcpConnectBackend().open("db.test", 5432).delay("db.test", 5432, Duration.ofMillis(60)))
        .backend(new FakeTracerouteBackend().route("far.test", "10.0.0.1", "192.0.2.9")
            .delay("far.test", Duration.ofMillis(60)))
        .build();
    long start = System.nanoTime();
    TcpConnectResult tcp = client.tcp("db.test", 5432).run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    assertThat(tcp.isSuccess()).isTrue();
    assertThat(tcp.connectTime()).contains(Duration.ofMillis(60));
    start = System.nanoTime();
    TracerouteResult trace = client.traceroute("far.test").run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
    assertThat(trace.reached()).isTrue();
    TracerouteResult late = client.traceroute("far.test").timeout(Duration.ofMillis(20)).run();
    assertThat(late.failureKind()).contains(FailureKind.TIMEOUT);
  }

  @Test
  void failNameNotFoundIsNxdomainEvenForANameThatHadRecords() {
    ProbeClient client = Probes.builder()
        .backend(new FakeDnsBackend().address("gone.test", "192.0.2.7").fail("gone.test", FailureKind.NAME_NOT_FOUND))
        .build();
    var r = client.dns("gone.test").run();
    assertThat(r.header()).hasValueSatisfying(h -> assertThat(h.rcode()).isEqualTo("NXDOMAIN"));
    assertThat(r.failureKind()).contains(FailureKind.NAME_NOT_FOUND);
    assertThat(r.authority()).isNotEmpty();
  }

  private static void assertTimesOutAfter(Duration timeout, Supplier<? extends ProbeResult> probe) {
    long start = System.nanoTime();
    ProbeResult r = probe.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.failureKind()).as(r.toString()).contains(FailureKind.TIMEOUT);
    assertThat(took).as(r.toString()).isGreaterThanOrEqualTo(timeout.minusMillis(5))
        .isLessThan(timeout.plusSeconds(2));
  }

  private static List<Method> verb(Class<?> fake, String name) {
    return Arrays.stream(fake.getDeclaredMethods())
        .filter(m -> m.getName().equals(name) && Modifier.isPublic(m.getModifiers()))
        .toList();
  }

  private static Class<?> last(Method m) {
    Class<?>[] p = m.getParameterTypes();
    return p.length == 0 ? Void.class : p[p.length - 1];
  }
}
