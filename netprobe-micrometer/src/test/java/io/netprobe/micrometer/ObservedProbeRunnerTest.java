package io.netprobe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.netprobe.ProbeClient;
import io.netprobe.Probes;
import io.netprobe.core.FailureKind;
import io.netprobe.core.Host;
import io.netprobe.dns.DnsRequest;
import io.netprobe.health.HealthCheck;
import io.netprobe.health.config.CheckDefinitions;
import io.netprobe.sockets.TcpConnectRequest;
import io.netprobe.testing.FakeDnsBackend;
import io.netprobe.testing.FakeHttpBackend;
import io.netprobe.testing.FakeTcpConnectBackend;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ObservedProbeRunnerTest {
  private final ProbeClient client = Probes.builder()
      .backend(new FakeDnsBackend().address("db.internal", "10.0.0.5").fail("gone.example", FailureKind.NAME_NOT_FOUND))
      .backend(new FakeHttpBackend().respond("https://Example.com:8443/a/b?token=x", 200))
      .backend(new FakeTcpConnectBackend().open("10.0.0.5", 5432).fail("10.0.0.6", 5432,
          FailureKind.CONNECTION_REFUSED))
      .build();

  @Test
  void timesEveryProbeByKindTargetAndFailureKind() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservedProbeRunner runner = ObservedProbeRunner.builder(client).meterRegistry(meters).build();

    DnsRequest.create(runner, "db.internal").run();
    DnsRequest.create(runner, "gone.example").run();
    TcpConnectRequest.create(runner, Host.of("10.0.0.6"), 5432).runAsync().join();

    assertThat(timer(meters, "dns", "db.internal", "none").count()).isEqualTo(1);
    assertThat(timer(meters, "dns", "gone.example", "NAME_NOT_FOUND").count()).isEqualTo(1);
    assertThat(timer(meters, "tcp", "10.0.0.6:5432", "CONNECTION_REFUSED").count()).isEqualTo(1);
    assertThat(meters.get("netprobe.probe").timers()).hasSize(3);
  }

  @Test
  void targetTagsStopAtTheLimit() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservedProbeRunner runner = ObservedProbeRunner.builder(client).meterRegistry(meters).maxTargets(1).build();

    DnsRequest.create(runner, "db.internal").run();
    DnsRequest.create(runner, "gone.example").run();
    DnsRequest.create(runner, "db.internal").run();

    assertThat(timer(meters, "dns", "db.internal", "none").count()).isEqualTo(2);
    assertThat(timer(meters, "dns", "other", "NAME_NOT_FOUND").count()).isEqualTo(1);
  }

  @Test
  void urlTargetsKeepNeitherPathNorQuery() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservedProbeRunner runner = ObservedProbeRunner.builder(client).meterRegistry(meters).build();
    io.netprobe.http.HttpProbeRequest.create(runner, "https://Example.com:8443/a/b?token=x")
        .timeout(java.time.Duration.ofMillis(200)).run();
    assertThat(meters.get("netprobe.probe").tag("kind", "http").timer().getId().getTag("target"))
        .isEqualTo("https://example.com:8443");
  }

  @Test
  void percentileHistogramsAreOptIn() {
    assertThat(histogramAsked(false)).isFalse();
    assertThat(histogramAsked(true)).isTrue();
  }

  private boolean histogramAsked(boolean publish) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<Boolean> asked = new CopyOnWriteArrayList<>();
    meters.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        asked.add(Boolean.TRUE.equals(config.isPercentileHistogram()));
        return config;
      }
    });
    DnsRequest.create(ObservedProbeRunner.builder(client).meterRegistry(meters).percentileHistogram(publish).build(),
        "db.internal").run();
    assertThat(asked).hasSize(1);
    return asked.get(0);
  }

  @Test
  void observesProbesForTracingWithFailuresAsErrors() {
    List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
    ObservedProbeRunner runner = ObservedProbeRunner.builder(client).observationRegistry(observations).build();

    DnsRequest.create(runner, "gone.example").runAsync().join();

    assertThat(stopped).singleElement().satisfies(c -> {
      assertThat(c.getName()).isEqualTo("netprobe.probe");
      assertThat(c.getContextualName()).isEqualTo("netprobe dns");
      assertThat(c.getLowCardinalityKeyValue("kind").getValue()).isEqualTo("dns");
      assertThat(c.getLowCardinalityKeyValue("target").getValue()).isEqualTo("gone.example");
      assertThat(c.getLowCardinalityKeyValue("failure").getValue()).isEqualTo("NAME_NOT_FOUND");
      assertThat(c.getError()).isNotNull();
    });
  }

  @Test
  void checksDefinedAsTextRunThroughTheRunner() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ObservedProbeRunner runner = ObservedProbeRunner.builder(client).meterRegistry(meters).build();
    HealthCheck<?> db = CheckDefinitions.using(runner).check("db", Map.of("probe", "tcp", "target", "10.0.0.5:5432"));

    db.run();

    assertThat(timer(meters, "tcp", "10.0.0.5:5432", "none").count()).isEqualTo(1);
  }

  @Test
  void limitsAreChecked() {
    assertThatThrownBy(() -> ObservedProbeRunner.builder(client).maxTargets(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTargets must be 1 to 10000, was 0");
  }

  private static Timer timer(SimpleMeterRegistry meters, String kind, String target, String failure) {
    return meters.get("netprobe.probe").tags("kind", kind, "target", target, "failure", failure).timer();
  }
}
